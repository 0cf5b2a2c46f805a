import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import {
  DatabaseManager,
  DatabaseMonitor,
  MonitorAttachError,
  createRedisClient,
  prismaPool,
  type MonitorSnapshot,
  type OperationRecord,
} from 'database-config';
import { stackConfig } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DatabaseMonitor against the real stores', () => {
  let manager: DatabaseManager<PrismaClient>;

  beforeAll(async () => {
    manager = await DatabaseManager.connect({ config: stackConfig(), prismaClient: PrismaClient });
  });
  afterAll(async () => {
    await manager?.close();
  });

  it('counts exactly the operations done, per store and kind, leaving its own health checks out', async () => {
    await using monitor = DatabaseMonitor.attach(manager, { intervalMs: 50, slowThresholdMs: 10_000 });
    expect(monitor.stores).toEqual(['postgres', 'mongodb', 'redis', 'qdrant']);
    const seen: OperationRecord[] = [];
    monitor.on('operation', (op) => seen.push(op));

    for (let i = 0; i < 5; i += 1) await manager.prisma.$queryRawUnsafe(`SELECT ${i} AS n`);
    for (let i = 0; i < 2; i += 1) await manager.prisma.$executeRawUnsafe('SET search_path TO public');
    const things = manager.mongo.db!.collection('monitor_things');
    for (let i = 0; i < 3; i += 1) await things.insertOne({ i, secret: 'mongo-secret' });
    for (let i = 0; i < 4; i += 1) await things.find({ secret: 'mongo-secret' }).toArray();
    for (let i = 0; i < 6; i += 1) await manager.redis.set(`monitor:${i}`, 'redis-secret');
    for (let i = 0; i < 3; i += 1) await manager.redis.get(`monitor:${i}`);
    await expect(manager.redis.hget('monitor:0', 'field')).rejects.toThrow(/WRONGTYPE/);
    for (let i = 0; i < 2; i += 1) await manager.qdrant.getCollections();
    await sleep(200); // samples (health checks of all four stores) run meanwhile
    await things.drop();

    const { stores } = monitor.snapshot();
    expect(stores.postgres!.operations.byKind).toMatchObject({ SELECT: { count: 5 }, SET: { count: 2 } });
    expect(stores.postgres!.operations.count).toBe(7);
    expect(stores.mongodb!.operations.byKind).toMatchObject({ insert: { count: 3 }, find: { count: 4 } });
    expect(stores.redis!.operations.byKind).toMatchObject({
      set: { count: 6 },
      get: { count: 3 },
      hget: { count: 1, errors: 1 },
    });
    expect(stores.redis!.operations).toMatchObject({ count: 10, errors: 1, errorsByType: { ReplyError: 1 } });
    expect(stores.qdrant!.operations.byKind).toEqual({
      getCollections: expect.objectContaining({ count: 2, errors: 0 }),
    });
    for (const store of ['postgres', 'mongodb', 'redis', 'qdrant'] as const) {
      const stats = stores[store]!;
      expect(stats.operations.windowCount).toBe(stats.operations.count);
      expect(stats.operations.p50).toBeGreaterThan(0);
      expect(stats.operations.p99).toBeGreaterThanOrEqual(stats.operations.p50);
      expect(stats.health).toMatchObject({ status: 'up' });
      expect(stats.circuit).toBe('closed');
    }
    // The histograms the exporters publish hold the same counts.
    const redisSets = monitor.histograms().find((h) => h.store === 'redis' && h.kind === 'set')!;
    expect(redisSets.count).toBe(6);
    expect(redisSets.counts.reduce((a, b) => a + b, 0)).toBe(6);

    // Statements are masked: no literal, no value, no filter.
    const text = JSON.stringify(seen);
    expect(text).not.toMatch(/redis-secret|mongo-secret/);
    expect(seen.find((op) => op.store === 'postgres' && op.kind === 'SELECT')!.statement).toBe(
      'SELECT ? AS n',
    );
    expect(seen.find((op) => op.store === 'redis' && op.kind === 'set')!.statement).toBe('SET (2 args)');
    expect(seen.find((op) => op.store === 'mongodb' && op.kind === 'find')!.statement).toBe(
      'find monitor_things',
    );
    expect(seen.filter((op) => op.store === 'redis').length).toBe(10);
  });

  it("reads each store's pool as its client has it", async () => {
    // No health sampling: nothing else uses the clients while the pools are read.
    await using monitor = DatabaseMonitor.attach(manager, { sampleHealth: false });
    await manager.prisma.$queryRawUnsafe('SELECT 1 AS one');
    for (let i = 0; i < 3; i += 1) await manager.mongo.db!.collection('monitor_pools').findOne({});
    await manager.redis.get('monitor:pool');
    await manager.qdrant.getCollections();
    const { stores } = monitor.snapshot();
    expect(stores.mongodb!.pool).toMatchObject({
      max: manager.config.mongodb!.poolSize,
      waiting: 0,
      used: 0,
    });
    expect(stores.mongodb!.pool.total).toBeGreaterThanOrEqual(1);
    expect(stores.mongodb!.pool.acquireWaitMs!.windowCount).toBe(3);
    expect(stores.redis!.pool).toEqual({ total: 1, idle: 1, used: 0, max: 1, waiting: 0, inFlight: 0 });
    expect(stores.qdrant!.pool).toEqual({ waiting: 0, inFlight: 0 });
    expect(stores.postgres!.pool).toMatchObject({
      max: manager.config.postgres!.poolSize,
      waiting: 0,
      used: 0,
    });
    expect(stores.postgres!.pool.total).toBeGreaterThanOrEqual(1);
    expect(stores.postgres!.pool.acquireWaitMs!.windowCount).toBe(1);
    expect(stores.postgres!.status).toBe('ready');
    expect(stores.mongodb!.status).toBe('connected');
  });

  it('sees the PostgreSQL pool run out: waiting rises while the queries queue, falls after, and reports the slow ones', async () => {
    const config = stackConfig({ stores: ['postgres'] });
    config.postgres!.poolSize = 2;
    await using small = await DatabaseManager.connect({ config, prismaClient: PrismaClient });
    expect(prismaPool(small.prisma)?.options.max).toBe(2);
    await using monitor = DatabaseMonitor.attach(small, {
      intervalMs: 20,
      slowThresholdMs: 250,
      captureCallers: true,
    });
    const samples: MonitorSnapshot[] = [];
    monitor.on('sample', (s) => samples.push(s));

    // A Prisma query starts when awaited; the async function awaiting it is the caller frame reported.
    const sleepQuery = async () => await small.prisma.$queryRawUnsafe('SELECT pg_sleep(0.3)::text AS slept');
    const queries = Array.from({ length: 6 }, sleepQuery);
    await sleep(100);
    const during = monitor.snapshot().stores.postgres!.pool;
    expect(during).toMatchObject({ total: 2, used: 2, idle: 0, max: 2 });
    expect(during.waiting).toBeGreaterThanOrEqual(3);
    await Promise.all(queries);
    await sleep(60);

    const after = monitor.snapshot().stores.postgres!;
    expect(after.pool.waiting).toBe(0);
    expect(Math.max(...samples.map((s) => s.stores.postgres!.pool.waiting))).toBeGreaterThanOrEqual(3);
    expect(samples.at(-1)!.stores.postgres!.pool.waiting).toBe(0);
    // The last two waited for two rounds of 300 ms.
    expect(after.pool.acquireWaitMs!.p99).toBeGreaterThan(250);
    expect(after.operations.byKind.SELECT!.count).toBe(6);
    const slow = monitor.snapshot().slowOperations.filter((op) => op.store === 'postgres');
    expect(slow.length).toBeGreaterThanOrEqual(6);
    expect(slow[0]).toMatchObject({
      kind: 'SELECT',
      statement: 'SELECT pg_sleep(?)::text AS slept',
      ok: true,
    });
    expect(slow[0]!.durationMs).toBeGreaterThanOrEqual(250);
    expect(slow[0]!.source).toMatch(
      /^at (async )?sleepQuery \(test\/integration\/monitor-stores\.test\.ts:\d+:\d+\)$/,
    );
  });

  it("names the caller of each store's slow operations", async () => {
    await using monitor = DatabaseMonitor.attach(manager, {
      slowThresholdMs: 0,
      sampleHealth: false,
      captureCallers: true,
    });
    async function handler() {
      await manager.prisma.$queryRawUnsafe('SELECT 2 AS two');
      await manager.mongo.db!.collection('monitor_callers').findOne({});
      await manager.redis.get('monitor:caller');
      await manager.qdrant.getCollections();
    }
    await handler();
    const sources = Object.fromEntries(monitor.snapshot().slowOperations.map((op) => [op.store, op.source]));
    for (const store of ['postgres', 'mongodb', 'redis', 'qdrant'])
      expect(sources[store], store).toMatch(
        /^at (async )?handler \(test\/integration\/monitor-stores\.test\.ts:\d+:\d+\)$/,
      );
  });

  it('by default captures callers only for kinds that were slow lately', async () => {
    await using monitor = DatabaseMonitor.attach(manager, { slowThresholdMs: 100, sampleHealth: false });
    async function slowReport() {
      await manager.prisma.$queryRawUnsafe('SELECT pg_sleep(0.15)::text AS slept');
    }
    await slowReport(); // the first slow SELECT: no frame was captured for it
    await manager.prisma.$queryRawUnsafe('SELECT 1 AS fast');
    await slowReport(); // SELECTs were slow lately: this one has its caller
    const [latest, first] = monitor.snapshot().slowOperations;
    expect(first!.source).toBeUndefined();
    expect(latest!.source).toMatch(
      /^at (async )?slowReport \(test\/integration\/monitor-stores\.test\.ts:\d+:\d+\)$/,
    );
    expect(monitor.options.captureCallers).toBe('auto');
  });

  it('refuses a second monitor on the same manager or client, and allows one after close()', async () => {
    const first = DatabaseMonitor.attach(manager);
    expect(() => DatabaseMonitor.attach(manager)).toThrow(MonitorAttachError);
    expect(() => DatabaseMonitor.attach(manager)).toThrow(
      /Cannot monitor this DatabaseManager: a DatabaseMonitor is already attached to it\. Use that monitor, or close\(\) it/,
    );
    const other = new DatabaseMonitor();
    expect(() => other.attachClients({ redis: manager.redis })).toThrow(
      /redis client: another DatabaseMonitor already watches it/,
    );
    await first.close();
    other.attachClients({ redis: manager.redis });
    expect(() => other.attachClients({ redis: manager.redis })).toThrow(/this monitor already watches it/);
    await other.close();
    await DatabaseMonitor.attach(manager).close();
  });

  it('sees a Redis connection dropped by the server come back: connection states and a reconnect', async () => {
    const config = stackConfig({ stores: ['redis'] }).redis!;
    const redis = await createRedisClient(config);
    const admin = await createRedisClient(config);
    try {
      await using monitor = new DatabaseMonitor({ intervalMs: 20 }).attachClients({ redis });
      const changes: string[] = [];
      monitor.on('state', (c) => changes.push(`${c.what} ${c.from}->${c.to}`));
      const id = await redis.client('ID');
      await admin.client('KILL', 'ID', String(id));
      const deadline = performance.now() + 20_000;
      while (monitor.snapshot().stores.redis!.reconnects === 0) {
        if (performance.now() > deadline) throw new Error('no reconnect within 20 s');
        await sleep(20);
      }
      expect(await redis.get('monitor:after-kill')).toBeNull();
      // The events' states, with the client's status as each sample reads it (e.g. connecting) between them.
      expect(changes[0]).toBe('connection ready->close');
      expect(changes.some((c) => c.endsWith('->reconnecting'))).toBe(true);
      expect(changes.at(-1)).toMatch(/^connection \w+->ready$/);
      expect(monitor.snapshot().stores.redis).toMatchObject({ status: 'ready', reconnects: 1 });
    } finally {
      redis.disconnect();
      admin.disconnect();
    }
  });

  it('keeps its structures bounded over thousands of real commands of many kinds', async () => {
    await using monitor = new DatabaseMonitor({
      maxKindsPerStore: 4,
      slowThresholdMs: 0,
      maxSlowOperations: 10,
    });
    monitor.attachClients({ redis: manager.redis });
    const redis = manager.redis;
    const commands = [
      () => redis.get('bounded:a'),
      () => redis.set('bounded:a', 'x'),
      () => redis.incr('bounded:n'),
      () => redis.exists('bounded:a'),
      () => redis.strlen('bounded:a'),
      () => redis.append('bounded:s', 'y'),
      () => redis.ttl('bounded:a'),
      () => redis.type('bounded:a'),
      () => redis.echo('z'),
      () => redis.del('bounded:s'),
    ];
    const sizes: ReturnType<DatabaseMonitor['footprint']>[] = [];
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(Array.from({ length: 1000 }, (_, i) => commands[i % commands.length]!()));
      sizes.push(monitor.footprint());
    }
    expect(monitor.snapshot().stores.redis!.operations.count).toBe(3000);
    expect(Object.keys(monitor.snapshot().stores.redis!.operations.byKind)).toHaveLength(5); // 4 and `other`
    expect(sizes[0]).toMatchObject({ kinds: 5, slowOperations: 10 });
    // Window slots grow only when a new time slot starts, up to 10 per kind (and the acquire wait).
    const withoutSlots = ({ windowSlots: _, ...rest }: (typeof sizes)[number]) => rest;
    expect(withoutSlots(sizes[2]!)).toEqual(withoutSlots(sizes[0]!));
    expect(sizes[2]!.windowSlots).toBeLessThanOrEqual(6 * 10);
    await redis.del('bounded:a', 'bounded:n');
  });

  it('watches clients from the factories, and leaves them as they were once closed', async () => {
    const redis = await createRedisClient(stackConfig({ stores: ['redis'] }).redis!);
    try {
      const monitor = new DatabaseMonitor({ intervalMs: 10 }).attachClients({ redis });
      await redis.ping();
      const snapshot = await (async () => {
        for await (const sample of monitor) return sample;
      })();
      expect(snapshot!.stores.redis).toMatchObject({
        status: 'ready',
        operations: { count: 1 },
        pool: { total: 1, waiting: 0 },
      });
      expect(snapshot!.stores.redis!.health).toBeUndefined();
      await monitor.close();
      expect(Object.hasOwn(redis, 'sendCommand')).toBe(false);
      await redis.ping();
      expect(monitor.snapshot().stores.redis!.operations.count).toBe(1);
    } finally {
      redis.disconnect();
    }
  });
});
