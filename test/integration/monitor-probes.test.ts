import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
} from '@opentelemetry/sdk-metrics';
import pg from 'pg';
import type { MongoClient } from 'mongodb';
import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import {
  DatabaseManager,
  DatabaseMonitor,
  MonitorAttachError,
  StateError,
  createMongooseConnection,
  createPrismaClient,
  createQdrantClient,
  createRedisClient,
  openTelemetryExporter,
  prometheusExporter,
  prismaPool,
  type OperationRecord,
  type StateChange,
} from 'database-config';
import { stackConfig } from './helpers.js';

// Each test has clients of its own (not a shared manager): it closes, breaks or reconnects them.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => boolean, ms = 20_000): Promise<void> {
  const deadline = performance.now() + ms;
  while (!done()) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await sleep(10);
  }
}

const describeChange = (c: StateChange) => `${c.store} ${c.what} ${c.from}->${c.to}`;

describe('the PostgreSQL probe', () => {
  it('refuses a Prisma client not made by createPrismaClient, naming what to do', async () => {
    await using monitor = new DatabaseMonitor();
    expect(() => monitor.attachClients({ postgres: {} })).toThrow(MonitorAttachError);
    expect(() => monitor.attachClients({ postgres: {} })).toThrow(
      /not made by createPrismaClient\(\) or a DatabaseManager.*Create it with createPrismaClient/s,
    );
    expect(monitor.stores).toEqual([]);
  });

  it('watches a client from before its first query to its disconnect: failures, timeouts, masked slow statements, pool waits', async () => {
    const config = stackConfig({ stores: ['postgres'] }).postgres!;
    const prisma = await createPrismaClient(PrismaClient, config);
    try {
      await using monitor = new DatabaseMonitor({
        intervalMs: 10,
        slowThresholdMs: 0,
        captureCallers: false,
      });
      monitor.attachClients({ postgres: prisma });
      const changes: string[] = [];
      monitor.on('state', (c) => changes.push(describeChange(c)));
      const records: OperationRecord[] = [];
      monitor.on('operation', (r) => records.push(r));
      expect(monitor.snapshot().stores.postgres).toMatchObject({
        status: 'not connected',
        pool: { waiting: 0 },
      });

      await prisma.$queryRawUnsafe("SELECT 'top-secret' AS word, 42 AS n");
      await expect(prisma.$queryRawUnsafe('SELECT * FROM monitor_no_such_table')).rejects.toThrow(
        /monitor_no_such_table/,
      );
      await expect(
        prisma.$transaction(async (tx) => {
          await tx.$executeRawUnsafe("SET LOCAL statement_timeout = '50ms'");
          await tx.$queryRawUnsafe('SELECT pg_sleep(2)::text AS slept');
        }),
      ).rejects.toThrow(/statement timeout/);
      await until('the ready state', () => changes.includes('postgres connection not connected->ready'));

      const pool = prismaPool(prisma)!;
      // A checkout with a callback (pg's older style) is timed like a promise one.
      const before = monitor.snapshot().stores.postgres!.pool.acquireWaitMs!.windowCount;
      await new Promise<void>((resolve, reject) =>
        pool.connect((error, client, done) => {
          done();
          if (error) reject(error);
          else resolve();
        }),
      );
      expect(monitor.snapshot().stores.postgres!.pool.acquireWaitMs!.windowCount).toBe(before + 1);

      const postgres = monitor.snapshot().stores.postgres!;
      expect(postgres.status).toBe('ready');
      expect(postgres.operations.byKind.SELECT).toMatchObject({ errors: 2, timeouts: 1 });
      expect(postgres.operations.timeouts).toBe(1);
      expect(postgres.operations.errorsByType.timeout).toBe(1);
      const statements = records.map((r) => r.statement);
      expect(statements).toContain('SELECT ? AS word, ? AS n');
      expect(JSON.stringify(records)).not.toContain('top-secret');
      const failed = records.find((r) => r.statement === 'SELECT * FROM monitor_no_such_table')!;
      expect(failed).toMatchObject({ ok: false, timedOut: false });
      expect(failed.error).toMatch(/TableDoesNotExist/);
      expect(failed.errorType).not.toBe('timeout');
      expect(records.find((r) => r.timedOut)).toMatchObject({
        statement: 'SELECT pg_sleep(?)::text AS slept',
        errorType: 'timeout',
      });

      await prisma.$disconnect();
      await until('the ended state', () => changes.includes('postgres connection ready->ended'));
      expect(monitor.snapshot().stores.postgres!.status).toBe('ended');
    } finally {
      await prisma.$disconnect();
    }
  });

  it('counts a connection the server terminated and the new one after it as a reconnect', async () => {
    const config = stackConfig({ stores: ['postgres'] }).postgres!;
    config.poolSize = 1;
    const prisma = await createPrismaClient(PrismaClient, config);
    const admin = new pg.Client({ connectionString: config.url });
    await admin.connect();
    try {
      await using monitor = new DatabaseMonitor({ sampleHealth: false });
      monitor.attachClients({ postgres: prisma });
      const backend = async () =>
        (await prisma.$queryRawUnsafe<[{ pid: number }]>('SELECT pg_backend_pid() AS pid'))[0].pid;
      const pid = await backend();
      expect(monitor.snapshot().stores.postgres!.reconnects).toBe(0);
      await admin.query('SELECT pg_terminate_backend($1)', [pid]);
      // The pool sees its idle connection break, then opens another for the next query.
      const pool = prismaPool(prisma)!;
      await until('the broken connection to leave the pool', () => pool.totalCount === 0);
      expect(await backend()).not.toBe(pid);
      expect(monitor.snapshot().stores.postgres!.reconnects).toBe(1);
    } finally {
      await admin.end();
      await prisma.$disconnect();
    }
  });
});

describe('the MongoDB probe', () => {
  it('counts failed commands, masks slow ones, follows the connection to its close, and removes its listeners', async () => {
    const connection = await createMongooseConnection(stackConfig({ stores: ['mongodb'] }).mongodb!);
    const client = connection.getClient() as unknown as MongoClient;
    const listenersBefore = client.listenerCount('commandStarted');
    try {
      const monitor = new DatabaseMonitor({ intervalMs: 10, slowThresholdMs: 0 });
      monitor.attachClients({ mongodb: connection });
      const changes: string[] = [];
      monitor.on('state', (c) => changes.push(describeChange(c)));
      expect(client.listenerCount('commandStarted')).toBe(listenersBefore + 1);

      const things = connection.db!.collection('monitor_probe_things');
      await things.insertOne({ secret: 'mongo-probe-secret' });
      await things.find({ secret: 'mongo-probe-secret' }).toArray();
      await expect(connection.db!.command({ monitorNoSuchCommand: 1 })).rejects.toThrow();
      await things.drop();

      const mongodb = monitor.snapshot().stores.mongodb!;
      expect(mongodb.operations.byKind).toMatchObject({
        insert: { count: 1, errors: 0 },
        find: { count: 1, errors: 0 },
        monitorNoSuchCommand: { count: 1, errors: 1 },
      });
      const slow = monitor.snapshot().slowOperations;
      expect(slow.map((op) => op.statement)).toEqual(
        expect.arrayContaining([
          'insert monitor_probe_things',
          'find monitor_probe_things',
          'monitorNoSuchCommand',
        ]),
      );
      expect(JSON.stringify(slow)).not.toContain('mongo-probe-secret');
      expect(slow.find((op) => op.kind === 'monitorNoSuchCommand')).toMatchObject({ ok: false });
      expect(mongodb.pool.used).toBe(0);
      expect(mongodb.pool.total).toBeGreaterThanOrEqual(1);

      await connection.close();
      await until('the disconnected state', () => changes.some((c) => c.endsWith('->disconnected')));
      expect(monitor.snapshot().stores.mongodb!.status).toBe('disconnected');
      await monitor.close();
      expect(client.listenerCount('commandStarted')).toBe(listenersBefore);
    } finally {
      await connection.close();
    }
  });
});

describe('the Redis probe', () => {
  it('counts a command past commandTimeoutMs as a timeout, and follows the client to its end', async () => {
    const config = stackConfig({ stores: ['redis'], redis: { commandTimeoutMs: 50 } }).redis!;
    const redis = await createRedisClient(config);
    try {
      await using monitor = new DatabaseMonitor({ intervalMs: 10, slowThresholdMs: 10_000 });
      monitor.attachClients({ redis });
      const changes: string[] = [];
      monitor.on('state', (c) => changes.push(describeChange(c)));
      await expect(redis.blpop('monitor:probe:empty', 1)).rejects.toThrow(/timed out/i);
      await until('the timeout to be counted', () => monitor.snapshot().stores.redis!.operations.count === 1);
      expect(monitor.snapshot().stores.redis!.operations).toMatchObject({
        errors: 1,
        timeouts: 1,
        errorsByType: { timeout: 1 },
        byKind: { blpop: { count: 1, timeouts: 1 } },
      });
      // The BLPOP still blocks the connection server-side (a QUIT would queue behind it): disconnect.
      redis.disconnect();
      await until('the end state', () => changes.some((c) => c.endsWith('->end')));
      expect(monitor.snapshot().stores.redis).toMatchObject({ status: 'end', pool: { total: 0, used: 0 } });
    } finally {
      redis.disconnect();
    }
  });
});

describe('the Qdrant probe', () => {
  it('counts failed calls, names their collection in the slow report, and has nothing in flight after', async () => {
    const qdrant = await createQdrantClient(stackConfig({ stores: ['qdrant'] }).qdrant!);
    await using monitor = new DatabaseMonitor({ slowThresholdMs: 0 });
    monitor.attachClients({ qdrant });
    await expect(qdrant.getCollection('monitor_probe_missing')).rejects.toThrow();
    await qdrant.getCollections();
    const stats = monitor.snapshot().stores.qdrant!;
    expect(stats.operations.byKind).toMatchObject({
      getCollection: { count: 1, errors: 1 },
      getCollections: { count: 1, errors: 0 },
    });
    expect(stats.pool).toEqual({ waiting: 0, inFlight: 0 });
    expect(monitor.snapshot().slowOperations.map((op) => [op.statement, op.ok])).toEqual([
      ['getCollections', true],
      ['getCollection monitor_probe_missing', false],
    ]);
    await monitor.close();
    expect(Object.hasOwn(qdrant, 'getCollection')).toBe(false);
  });
});

describe('attaching', () => {
  it('refuses a manager twice, a store watched already, a second client of a store, and anything once closed', async () => {
    await using manager = await DatabaseManager.connect({ config: stackConfig({ stores: ['redis'] }) });
    const redis = await createRedisClient(stackConfig({ stores: ['redis'] }).redis!);
    const other = await createRedisClient(stackConfig({ stores: ['redis'] }).redis!);
    try {
      const monitor = DatabaseMonitor.attach(manager, { sampleHealth: false });
      expect(() => monitor.attachManager(manager)).toThrow(
        /this DatabaseManager: this DatabaseMonitor is already attached to it/,
      );
      expect(() => monitor.attachClients({ redis })).toThrow(
        /a second redis client: this monitor already watches one redis client/,
      );
      await monitor.close();

      const byClient = new DatabaseMonitor().attachClients({ redis });
      const error = (() => {
        try {
          byClient.attachManager(manager);
        } catch (caught) {
          return caught as MonitorAttachError;
        }
      })();
      expect(error).toBeInstanceOf(MonitorAttachError);
      expect(error!.message).toMatch(
        /a second redis store: this monitor already watches redis \(another manager or client\)\. Use one DatabaseMonitor per set of stores/,
      );
      expect(() => byClient.attachClients({ redis: other })).toThrow(/a second redis client/);
      await byClient.close();
      expect(() => byClient.attachManager(manager)).toThrow(StateError);
      expect(() => byClient.attachManager(manager)).toThrow(
        /attachManager\(\) was called on a closed DatabaseMonitor; create a new one/,
      );
      // The refused attach left the manager free, and close() the client.
      await DatabaseMonitor.attach(manager).close();
      await new DatabaseMonitor().attachClients({ redis }).close();
    } finally {
      redis.disconnect();
      other.disconnect();
    }
  });

  it('does not count an operation that finishes after close(), and leaves a connection that monitored commands itself as it was', async () => {
    const config = stackConfig({ stores: ['postgres', 'mongodb'] });
    const prisma = await createPrismaClient(PrismaClient, config.postgres!);
    const connection = await mongoose
      .createConnection(config.mongodb!.uri, { monitorCommands: true, serverSelectionTimeoutMS: 10_000 })
      .asPromise();
    try {
      const monitor = new DatabaseMonitor({ slowThresholdMs: 0 });
      monitor.attachClients({ postgres: prisma, mongodb: connection });
      const slow: OperationRecord[] = [];
      monitor.on('slow', (op) => slow.push(op));
      await connection.db!.collection('monitor_probe_own').findOne({});
      expect(
        monitor.snapshot().stores.mongodb!.operations.byKind.find, // findOne() sends a find command
      ).toMatchObject({ count: 1 });

      const inFlight = prisma.$queryRawUnsafe('SELECT pg_sleep(0.2)::text AS slept');
      await sleep(50);
      await monitor.close();
      await inFlight;
      expect(monitor.snapshot().stores.postgres!.operations.count).toBe(0);
      expect(slow.map((op) => op.store)).toEqual(['mongodb']);
      expect(connection.getClient().options.monitorCommands).toBe(true);
    } finally {
      await connection.close();
      await prisma.$disconnect();
    }
  });
});

describe('a store whose health check fails', () => {
  it('is a health state event with the error, and 0 in database_config.health.up for both exporters', async () => {
    await using manager = await DatabaseManager.connect({ config: stackConfig({ stores: ['redis'] }) });
    await using monitor = DatabaseMonitor.attach(manager, { intervalMs: 20 });
    const changes: StateChange[] = [];
    monitor.on('state', (c) => changes.push(c));
    const reader = new PeriodicExportingMetricReader({
      exporter: new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE),
      exportIntervalMillis: 3_600_000,
    });
    const meterProvider = new MeterProvider({ readers: [reader] });
    const otel = await openTelemetryExporter(monitor, { meterProvider });
    const prometheus = await prometheusExporter(monitor, { writer: 'builtin' });
    const up = async () => {
      const { resourceMetrics } = await reader.collect();
      const metric = resourceMetrics.scopeMetrics
        .flatMap((s) => s.metrics)
        .find((m) => m.descriptor.name === 'database_config.health.up');
      const text = await prometheus.metrics();
      const line =
        /^database_config_health_up\{db_system_name="redis",db_client_connection_pool_name="redis"\} (\d)$/m.exec(
          text,
        );
      return { otel: metric?.dataPoints.map((p) => p.value), prometheus: line?.[1] };
    };
    try {
      await until('a first health sample', () => monitor.snapshot().stores.redis!.health !== undefined);
      expect(await up()).toEqual({ otel: [1], prometheus: '1' });

      manager.redis.disconnect(); // the application's client is gone: every check fails
      await until('the health change', () => changes.some((c) => c.what === 'health'));
      expect(changes.find((c) => c.what === 'health')).toMatchObject({
        store: 'redis',
        from: 'up',
        to: 'down',
        detail: expect.stringMatching(/closed/i),
      });
      expect(changes.find((c) => c.what === 'connection')).toMatchObject({ from: 'ready' });
      expect(await up()).toEqual({ otel: [0], prometheus: '0' });
    } finally {
      otel.stop();
      await meterProvider.shutdown();
    }
  });
});
