import { describe, expect, it, vi } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import {
  ConnectionError,
  DatabaseManager,
  OperationTimeoutError,
  StateError,
  StoreNotConfiguredError,
  createMongooseConnection,
  createPrismaClient,
  createQdrantClient,
  createRedisClient,
} from 'database-config';
import { openSockets, stackConfig, unreachable } from './helpers.js';

const fastRetry = { attempts: 3, initialDelayMs: 20, maxDelayMs: 50 };

describe('DatabaseManager against the real stores', () => {
  it('connects all four in parallel, reports them healthy with latencies, and closes idempotently', async () => {
    const manager = await DatabaseManager.connect({ config: stackConfig(), prismaClient: PrismaClient });
    expect(manager.stores).toEqual(['postgres', 'mongodb', 'redis', 'qdrant']);
    expect(await manager.prisma.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    expect(await manager.redis.ping()).toBe('PONG');
    expect((await manager.mongo.db!.admin().ping()).ok).toBe(1);
    expect(Array.isArray((await manager.qdrant.getCollections()).collections)).toBe(true);

    const report = await manager.health();
    expect(report.status).toBe('up');
    for (const store of manager.stores) {
      expect(report.stores[store]).toMatchObject({ status: 'up' });
      expect(report.stores[store]!.latencyMs).toBeGreaterThan(0);
    }
    await manager.assertHealthy();

    await manager.close();
    await manager.close();
    expect(() => manager.redis).toThrow(StateError);
    expect(() => manager.redis).toThrow(/manager is closed/);
  });

  it('works with await using, and only the configured stores', async () => {
    {
      await using manager = await DatabaseManager.connect({ config: stackConfig({ stores: ['redis'] }) });
      await manager.redis.set('manager:using', '1', 'EX', 10);
      expect(() => manager.prisma).toThrow(StoreNotConfiguredError);
      expect(() => manager.prisma).toThrow(/postgres is not configured/);
    }
  });

  it('asks for the Prisma client class when PostgreSQL is configured', () => {
    expect(() => new DatabaseManager({ config: stackConfig({ stores: ['postgres'] }) })).toThrow(
      /pass \{ prismaClient: PrismaClient \}/,
    );
  });

  it('gives up on an unreachable host after the configured attempts, naming host and port, and leaves no socket open', async () => {
    const config = stackConfig({ stores: ['postgres', 'redis'] });
    config.postgres!.url = unreachable(config.postgres!.url);
    config.redis!.url = unreachable(config.redis!.url);
    const before = openSockets();
    const error = await DatabaseManager.connect({
      config,
      prismaClient: PrismaClient,
      retry: fastRetry,
    }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AggregateError);
    const errors = (error as AggregateError).errors as ConnectionError[];
    expect(errors.map((e) => [e.name, e.store, e.attempts])).toEqual([
      ['ConnectionError', 'postgres', 3],
      ['ConnectionError', 'redis', 3],
    ]);
    expect(errors[0]!.message).toMatch(
      /Could not connect to postgres at postgres(ql)?:\/\/test:\*\*\*\*@127\.0\.0\.1:1\/test after 3 attempts: .*Can't reach database server at 127\.0\.0\.1:1/,
    );
    expect(errors[0]!.message).toContain('Check that PostgreSQL is running');
    expect(errors[1]!.message).toMatch(/redis at redis:\/\/127\.0\.0\.1:1.* after 3 attempts/);
    // Sockets close asynchronously after the pool ends; a leaked one never does (others may close meanwhile).
    await vi.waitFor(() => expect(openSockets()).toBeLessThanOrEqual(before), { timeout: 2000 });
  });

  it('fails at once on a wrong PostgreSQL password, masked, and closes the pool', async () => {
    const config = stackConfig({ stores: ['postgres'] });
    const url = new URL(config.postgres!.url);
    url.password = 'wrong-password';
    config.postgres!.url = url.toString();
    const before = openSockets();
    const error = (await DatabaseManager.connect({
      config,
      prismaClient: PrismaClient,
      retry: fastRetry,
    }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(1);
    expect(error.message).toMatch(/password authentication failed/i);
    expect(error.message).not.toContain('wrong-password');
    // Sockets close asynchronously after the pool ends; a leaked one never does (others may close meanwhile).
    await vi.waitFor(() => expect(openSockets()).toBeLessThanOrEqual(before), { timeout: 2000 });
  });

  it('fails on a wrong Mongo host quickly when the server selection timeout is short', async () => {
    const config = stackConfig({ stores: ['mongodb'], mongodb: { serverSelectionTimeoutMs: 200 } });
    config.mongodb!.uri = unreachable(config.mongodb!.uri);
    const error = (await DatabaseManager.connect({
      config,
      retry: { attempts: 2, initialDelayMs: 10 },
    }).catch((e: unknown) => e)) as ConnectionError;
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.attempts).toBe(2);
    expect(error.message).toContain('mongodb://127.0.0.1:1/');
  });

  it('reports a store that went away as down, and the aggregate as degraded', async () => {
    const manager = await DatabaseManager.connect({
      config: stackConfig({ stores: ['redis', 'qdrant'] }),
      retry: fastRetry,
    });
    try {
      manager.redis.disconnect();
      const report = await manager.health();
      expect(report.status).toBe('degraded');
      expect(report.stores.redis).toMatchObject({ status: 'down' });
      expect(report.stores.qdrant).toMatchObject({ status: 'up' });
      await expect(manager.assertHealthy()).rejects.toThrow(/Health check of redis at redis:\/\/.* failed/);
    } finally {
      await manager.close();
    }
  });
});

describe('DatabaseManager.execute', () => {
  it('counts neither successes nor errors the server answered towards opening the breaker', async () => {
    await using manager = await DatabaseManager.connect({
      config: stackConfig({ stores: ['redis'] }),
      breaker: { threshold: 1 },
    });
    await manager.execute('redis', (redis) => redis.set('manager:execute:list', 'not a list', 'EX', 10));
    for (let i = 0; i < 3; i++) {
      await expect(
        manager.execute('redis', (redis) => redis.lpush('manager:execute:list', 'x')),
      ).rejects.toThrow(/WRONGTYPE/);
    }
    expect(manager.circuit('redis')).toBe('closed');
    expect(await manager.execute('redis', (redis) => redis.get('manager:execute:list'))).toBe('not a list');
  });

  it('bounds an operation by its timeoutMs, aborting its signal, and the timeout opens the breaker', async () => {
    await using manager = await DatabaseManager.connect({
      config: stackConfig({ stores: ['redis'] }),
      breaker: { threshold: 1, halfOpenAfterMs: 60_000 },
    });
    let aborted: AbortSignal | undefined;
    const error = await manager
      .execute(
        'redis',
        async (redis, signal) => {
          aborted = signal;
          // A real round trip that takes longer than the bound: the server blocks for 300 ms.
          await redis.blpop('manager:execute:never', 0.3);
        },
        { timeoutMs: 50 },
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OperationTimeoutError);
    expect((error as Error).message).toMatch(
      /^The operation of redis at redis:\/\/.* got no answer within 50 ms \(execute\(\{ timeoutMs \}\)\)/,
    );
    expect(aborted?.aborted).toBe(true);
    expect(manager.circuit('redis')).toBe('open');
  });
});

describe('client factories apply the config', () => {
  it('Prisma: application name and statement timeout reach the server', async () => {
    const config = stackConfig({
      stores: ['postgres'],
      postgres: { applicationName: 'factory-test', statementTimeoutMs: 1234 },
    });
    const prisma = await createPrismaClient(PrismaClient, config.postgres!);
    try {
      const [row] = await prisma.$queryRawUnsafe<{ app: string; timeout: string }[]>(
        "SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS timeout",
      );
      expect(row).toEqual({ app: 'factory-test', timeout: '1234ms' });
    } finally {
      await prisma.$disconnect();
    }
  });

  it('mongoose: the connection targets the configured database', async () => {
    const config = stackConfig({ stores: ['mongodb'], mongodb: { database: 'factory_db' } });
    const connection = await createMongooseConnection(config.mongodb!);
    try {
      expect(connection.db!.databaseName).toBe('factory_db');
    } finally {
      await connection.close();
    }
  });

  it('ioredis: logical database and key prefix', async () => {
    const config = stackConfig({ stores: ['redis'], redis: { db: 5, keyPrefix: 'svc:' } });
    const client = await createRedisClient(config.redis!);
    try {
      await client.set('k', 'v', 'EX', 10);
      const raw = await createRedisClient({ ...config.redis!, keyPrefix: '' });
      expect(await raw.get('svc:k')).toBe('v');
      raw.disconnect();
      expect((await client.client('INFO')) as string).toMatch(/db=5/);
    } finally {
      client.disconnect();
    }
  });

  it('ioredis: with the offline queue off, a command while disconnected fails at once', async () => {
    const config = stackConfig({ stores: ['redis'], redis: { offlineQueue: false } });
    const client = await createRedisClient(config.redis!);
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    const t0 = performance.now();
    await expect(client.get('k')).rejects.toThrow(/enableOfflineQueue options is false/);
    expect(performance.now() - t0).toBeLessThan(100);
  });

  it('Qdrant: a wrong URL fails with the request error', async () => {
    const config = stackConfig({ stores: ['qdrant'], qdrant: { timeoutMs: 500 } });
    const client = await createQdrantClient({ ...config.qdrant!, url: unreachable(config.qdrant!.url) });
    await expect(client.getCollections()).rejects.toThrow();
  });
});
