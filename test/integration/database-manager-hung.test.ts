import { randomUUID } from 'node:crypto';
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import type { StartedRedisContainer } from '@testcontainers/redis';
import type { StartedTestContainer } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { ownerLabels } from '../../src/containers/container-labels.js';
import { docker, pausableContainers } from './paused-containers.js';
import { mongodbContainer, MONGODB_PORT } from '../../src/containers/mongodb/mongodb-container.js';
import { postgresContainer } from '../../src/containers/postgres/postgres-container.js';
import { qdrantContainer, QDRANT_HTTP_PORT } from '../../src/containers/qdrant/qdrant-container.js';
import { redisContainer } from '../../src/containers/redis/redis-container.js';
import {
  CircuitOpenError,
  DatabaseManager,
  OperationTimeoutError,
  loadDatabaseConfig,
  type DatabaseConfig,
  type StoreName,
} from 'database-config';

// A store that hangs instead of failing: each store gets a container of its own (the shared stack's
// are used by other tests), frozen with `docker pause`. Its calls must fail within their bounds, the
// timeouts must open the circuit breaker, and after `docker unpause` the breaker half-opens and the
// store recovers.

const HEALTH_TIMEOUT_MS = 300;
const OPERATION_TIMEOUT_MS = 300;
const THRESHOLD = 3;
const HALF_OPEN_AFTER_MS = 1500;
/** Room for a loaded machine (2 shared cores) on top of a bound. */
const SLACK_MS = 1000;
/** A call refused by an open breaker does no I/O. */
const FAST_MS = 100;

interface HungCase {
  store: StoreName;
  start(labels: Record<string, string>): Promise<StartedTestContainer>;
  /** The store's config, with the client's own bounds set short. */
  config(started: StartedTestContainer): DatabaseConfig;
  /** A call on the manager's client itself (not through the breaker), bounded by the client. */
  direct(manager: DatabaseManager): Promise<unknown>;
  /** The client's bound on `direct`, in milliseconds. */
  clientBoundMs: number;
  /** What the client says when its bound is hit. */
  clientError: RegExp;
}

const hostPort = (c: StartedTestContainer, port: number) => `${c.getHost()}:${c.getMappedPort(port)}`;

const CASES: HungCase[] = [
  {
    store: 'redis',
    start: (labels) => redisContainer({ labels }).start(),
    config: (started) =>
      loadDatabaseConfig(
        { REDIS_URL: (started as StartedRedisContainer).getConnectionUrl() },
        { stores: ['redis'], redis: { commandTimeoutMs: 500, connectTimeoutMs: 1000 } },
      ),
    direct: (manager) => manager.redis.get('hung:key'),
    clientBoundMs: 500,
    clientError: /Command timed out/,
  },
  {
    store: 'mongodb',
    start: (labels) => mongodbContainer({ labels }).start(),
    config: (started) =>
      loadDatabaseConfig(
        { MONGODB_URI: `mongodb://${hostPort(started, MONGODB_PORT)}/hung?directConnection=true` },
        {
          stores: ['mongodb'],
          mongodb: { socketTimeoutMs: 800, connectTimeoutMs: 800, serverSelectionTimeoutMs: 1000 },
        },
      ),
    direct: (manager) => manager.mongo.db!.collection('things').findOne({}),
    // Each try waits at most for server selection and then the connect or socket timeout, and reads
    // are retried once (retryReads).
    clientBoundMs: 2 * (1000 + 800),
    clientError: /timed out|Server selection/i,
  },
  {
    store: 'postgres',
    start: (labels) => postgresContainer({ labels }).start(),
    config: (started) =>
      loadDatabaseConfig(
        { DATABASE_URL: (started as StartedPostgreSqlContainer).getConnectionUri() },
        { stores: ['postgres'], postgres: { queryTimeoutMs: 600, connectTimeoutMs: 800 } },
      ),
    direct: (manager) => manager.prisma.$queryRawUnsafe('SELECT 1'),
    // A new pool connection waits for the connect timeout, a pooled one for the query timeout.
    clientBoundMs: 800,
    clientError: /timeout/i,
  },
  {
    store: 'qdrant',
    start: (labels) => qdrantContainer({ labels }).start(),
    config: (started) =>
      loadDatabaseConfig(
        { QDRANT_URL: `http://${hostPort(started, QDRANT_HTTP_PORT)}` },
        { stores: ['qdrant'], qdrant: { timeoutMs: 600 } },
      ),
    direct: (manager) => manager.qdrant.getCollections(),
    clientBoundMs: 600,
    clientError: /timeout|aborted/i,
  },
];

const runId = `hung-${randomUUID().slice(0, 8)}`;
const started = pausableContainers();

/** Runs `call` and returns how long it took and what it threw (it must throw). */
async function failure(call: () => Promise<unknown>): Promise<{ ms: number; error: Error }> {
  const t0 = performance.now();
  const error = await call().then(
    () => new Error('expected a failure, the call succeeded'),
    (e: unknown) => e as Error,
  );
  return { ms: performance.now() - t0, error };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(CASES)('a paused $store', (c) => {
  it(
    'is reported down within the health timeout, opens the breaker after timed-out checks and operations, bounds the client, and recovers after unpause',
    { timeout: 120_000 },
    async () => {
      const container = await c.start(ownerLabels(runId, c.store));
      started.push(container);
      await using manager = await DatabaseManager.connect({
        config: c.config(container),
        prismaClient: PrismaClient,
        healthTimeoutMs: HEALTH_TIMEOUT_MS,
        operationTimeoutMs: OPERATION_TIMEOUT_MS,
        breaker: { threshold: THRESHOLD, halfOpenAfterMs: HALF_OPEN_AFTER_MS },
        retry: { attempts: 3, initialDelayMs: 50, maxDelayMs: 200 },
      });
      const healthy = await manager.health();
      expect(healthy.stores[c.store]).toMatchObject({ status: 'up', circuit: 'closed' });

      await docker('pause', container);

      // Timed-out health checks: down within the bound, each one counted by the breaker.
      for (let check = 1; check < THRESHOLD; check++) {
        const t0 = performance.now();
        const report = await manager.health();
        const ms = performance.now() - t0;
        expect(report.stores[c.store]).toMatchObject({ status: 'down', circuit: 'closed' });
        expect(report.stores[c.store]!.error).toMatch(
          new RegExp(
            `health check of ${c.store} .* got no answer within ${HEALTH_TIMEOUT_MS} ms \\(healthTimeoutMs\\)`,
          ),
        );
        expect(ms).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 5);
        expect(ms).toBeLessThan(HEALTH_TIMEOUT_MS + SLACK_MS);
      }
      // A timed-out operation counts the same: this one opens the circuit.
      const timedOut = await failure(() => manager.execute(c.store, () => c.direct(manager)));
      expect(timedOut.error).toBeInstanceOf(OperationTimeoutError);
      expect(timedOut.error.message).toContain(
        `got no answer within ${OPERATION_TIMEOUT_MS} ms (operationTimeoutMs)`,
      );
      expect(timedOut.ms).toBeLessThan(OPERATION_TIMEOUT_MS + SLACK_MS);
      expect(manager.circuit(c.store)).toBe('open');
      const openedAt = performance.now();

      // Open: calls fail at once, naming the last failure; health says so too.
      const refused = await failure(() => manager.execute(c.store, () => c.direct(manager)));
      expect(refused.error).toBeInstanceOf(CircuitOpenError);
      expect(refused.error.message).toMatch(
        new RegExp(
          `circuit breaker for ${c.store} is open after repeated failures \\(last failure: The operation of ${c.store}`,
        ),
      );
      expect(refused.error.cause).toBe(timedOut.error);
      expect(refused.ms).toBeLessThan(FAST_MS);
      const t0 = performance.now();
      const report = await manager.health();
      expect(performance.now() - t0).toBeLessThan(FAST_MS);
      expect(report.stores[c.store]).toMatchObject({ status: 'down', circuit: 'open' });
      expect(report.stores[c.store]!.error).toContain(`The circuit breaker for ${c.store} is open`);

      // The client itself, outside the breaker: rejects within its own bound instead of hanging.
      const direct = await failure(() => c.direct(manager));
      expect(direct.error.message).toMatch(c.clientError);
      expect(direct.ms).toBeLessThan(c.clientBoundMs + SLACK_MS);

      await docker('unpause', container);

      // After halfOpenAfterMs one call is let through; once the store answers, the circuit closes.
      await sleep(Math.max(0, HALF_OPEN_AFTER_MS - (performance.now() - openedAt)) + 50);
      const seen: string[] = [];
      const deadline = performance.now() + 30_000;
      for (;;) {
        const pending = manager.health();
        seen.push(manager.circuit(c.store));
        const result = (await pending).stores[c.store]!;
        if (result.status === 'up') {
          expect(result.circuit).toBe('closed');
          break;
        }
        // The store may need a moment after unpausing (MongoDB rediscovers its server): the breaker
        // opens again, and the next try waits for its next half-open.
        if (performance.now() > deadline) throw new Error(`${c.store} did not recover: ${result.error}`);
        await sleep(HALF_OPEN_AFTER_MS + 50);
      }
      expect(seen[0]).toBe('halfOpen');
      await manager.execute(c.store, () => c.direct(manager));
      expect(manager.circuit(c.store)).toBe('closed');
    },
  );
});
