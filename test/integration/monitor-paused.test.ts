import { randomUUID } from 'node:crypto';
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import type { StartedRedisContainer } from '@testcontainers/redis';
import { expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { ownerLabels } from '../../src/containers/container-labels.js';
import { docker, pausableContainers } from './paused-containers.js';
import { postgresContainer } from '../../src/containers/postgres/postgres-container.js';
import { redisContainer } from '../../src/containers/redis/redis-container.js';
import { DatabaseManager, DatabaseMonitor, loadDatabaseConfig, type StateChange } from 'database-config';

// A PostgreSQL and a Redis of this file's own, frozen with `docker pause` while an application
// keeps calling them: the monitor reports the stores going down and their breakers opening, then
// coming back after `docker unpause`, and nothing it does throws into the application.

const runId = `monitor-paused-${randomUUID().slice(0, 8)}`;
const started = pausableContainers();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until `check` holds, polling; fails naming `what` after `timeoutMs`. */
async function until(what: string, check: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

it(
  'reports paused stores down and their breakers open, then recovered, without throwing into the application',
  { timeout: 120_000 },
  async () => {
    const [postgres, redis] = await Promise.all([
      postgresContainer({ labels: ownerLabels(runId, 'postgres') }).start(),
      redisContainer({ labels: ownerLabels(runId, 'redis') }).start(),
    ]);
    started.push(postgres, redis);
    const config = loadDatabaseConfig(
      {
        DATABASE_URL: (postgres as StartedPostgreSqlContainer).getConnectionUri(),
        REDIS_URL: (redis as StartedRedisContainer).getConnectionUrl(),
      },
      {
        stores: ['postgres', 'redis'],
        postgres: { queryTimeoutMs: 600, connectTimeoutMs: 800 },
        redis: { commandTimeoutMs: 400, connectTimeoutMs: 1000 },
      },
    );
    await using manager = await DatabaseManager.connect({
      config,
      prismaClient: PrismaClient,
      healthTimeoutMs: 300,
      breaker: { threshold: 3, halfOpenAfterMs: 1000 },
      retry: { attempts: 2, initialDelayMs: 50, maxDelayMs: 100 },
    });
    await using monitor = DatabaseMonitor.attach(manager, { intervalMs: 100 });
    const changes: StateChange[] = [];
    const monitorErrors: Error[] = [];
    monitor.on('state', (change) => changes.push(change));
    monitor.on('error', (error) => monitorErrors.push(error));
    const escaped: unknown[] = [];
    const onEscaped = (error: unknown) => escaped.push(error);
    process.on('unhandledRejection', onEscaped);
    process.on('uncaughtException', onEscaped);

    // The application: calls both stores all along and handles their failures itself.
    let running = true;
    const appFailures: string[] = [];
    const app = (async () => {
      while (running) {
        await Promise.all([
          manager.redis.get('paused:key').catch((e: Error) => appFailures.push(e.message)),
          manager.prisma.$queryRawUnsafe('SELECT 1 AS one').catch((e: Error) => appFailures.push(e.message)),
        ]);
        await sleep(50);
      }
    })();
    const saw = (store: string, what: StateChange['what'], to: string) =>
      changes.some((c) => c.store === store && c.what === what && c.to === to);
    try {
      await until('the first health samples', () => monitor.snapshot().stores.redis?.health?.status === 'up');
      await docker('pause', postgres);
      await docker('pause', redis);
      for (const store of ['postgres', 'redis'])
        await until(
          `${store} down and its circuit open`,
          () => saw(store, 'health', 'down') && saw(store, 'circuit', 'open'),
        );
      const during = monitor.snapshot().stores;
      expect(during.redis!.health).toMatchObject({ status: 'down' });
      expect(during.redis!.circuit).not.toBe('closed');
      expect(
        changes.find((c) => c.store === 'redis' && c.what === 'health' && c.to === 'down'),
      ).toMatchObject({
        from: 'up',
        detail: expect.stringMatching(/got no answer within 300 ms \(healthTimeoutMs\)/),
      });
      // The application's own calls timed out against the clients' bounds, and were counted so.
      await until(
        'the clients to time out',
        () => (monitor.snapshot().stores.redis?.operations.timeouts ?? 0) > 0,
      );
      expect(appFailures.some((m) => /Command timed out/.test(m))).toBe(true);

      await docker('unpause', postgres);
      await docker('unpause', redis);
      for (const store of ['postgres', 'redis'])
        await until(
          `${store} up and its circuit closed`,
          () => saw(store, 'health', 'up') && saw(store, 'circuit', 'closed'),
        );
      const after = monitor.snapshot().stores;
      for (const store of ['postgres', 'redis'] as const) {
        expect(after[store]!.health?.status).toBe('up');
        expect(after[store]!.circuit).toBe('closed');
        const circuit = changes
          .filter((c) => c.store === store && c.what === 'circuit')
          .map((c) => `${c.from}->${c.to}`);
        expect(circuit[0]).toBe('closed->open');
        expect(circuit.at(-1)).toBe('halfOpen->closed');
      }
    } finally {
      running = false;
      await app;
      process.off('unhandledRejection', onEscaped);
      process.off('uncaughtException', onEscaped);
    }
    expect(escaped).toEqual([]);
    expect(monitorErrors).toEqual([]);
    // The application works again through the same clients.
    expect(await manager.redis.set('paused:key', 'back')).toBe('OK');
  },
);
