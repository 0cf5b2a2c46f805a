// Section 1: per-test reset of each store and of all four together, with the plugin's strategies
// (the store workers and WorkerDatabases, driven as a runner would) against the naive baselines.
// Each test writes a little: one "User" row, one document, 1,000 Redis keys (one MSET), one point.
// A reset's time is what the test pays around its body: beginTest + endTest (the `fresh` strategy
// pays in beginTest, the others in endTest); the body's own time is kept as `.write`.
import {
  PostgresWorker,
  MongodbWorker,
  RedisWorker,
  QdrantWorker,
  WorkerDatabases,
  readMigrations,
  applyMigrations,
  databaseUrl,
} from '../../src/internal/bench.js';
import type { StackInfo, PostgresStrategy, MongodbStrategy } from '../../src/public/index.js';
import { postgresContainer } from '../../src/public/containers.js';
import { PrismaClient } from '../../prisma/generated/client.js';
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import pg from 'pg';
import { onCleanup } from '../lib/cleanup.js';
import { BENCH_LABEL } from '../lib/docker.js';
import { reps, RUN_ID } from '../lib/env.js';
import { MONGO_MIGRATIONS, PG_MIGRATIONS, QDRANT_COLLECTIONS } from '../lib/example.js';
import { PlainMongo, PlainPostgres, PlainQdrant, plainRedis } from '../lib/plain.js';
import type { Results } from '../lib/results.js';
import { around, logged, measure, nothing } from '../lib/measure.js';
import {
  eventDoc,
  unique,
  writePoint,
  writeRedisKeys,
  writeUser,
  writeUserAndAddress,
} from '../lib/workload.js';

const now = () => performance.now();

export async function resetSection(
  results: Results,
  info: StackInfo,
  log: (line: string) => void,
): Promise<void> {
  const n = reps(200, 20);
  const nSlow = reps(100, 10);
  const nSlowest = reps(50, 5);
  const nAll = reps(100, 10);
  const warmup = reps(10, 2);
  const show = logged(results, log);
  const done = (key: string) => show(`reset.${key}`);

  // ---- PostgreSQL: the plugin's three strategies on a worker database
  {
    const worker = await PostgresWorker.create(info.postgres!, `dbc_bench_pgw_${RUN_ID}`);
    const close = onCleanup('close postgres worker', () => worker.close());
    for (const strategy of ['transaction', 'truncate', 'fresh'] as PostgresStrategy[]) {
      worker.beginFile();
      await measure(results, `reset.postgres.${strategy}`, strategy === 'fresh' ? nSlow : n, warmup, () =>
        around(
          () => worker.beginTest(strategy),
          () => writeUser(worker.pool),
          () => worker.endTest(strategy, false),
        ),
      );
      await worker.endFile();
      done(`postgres.${strategy}`);
    }
    await close();
  }

  // ---- PostgreSQL baselines: TRUNCATE / DELETE of every table on a plain clone, restoreSnapshot()
  {
    const plain = await PlainPostgres.create(
      info.postgres!.url,
      `dbc_bench_plain_${RUN_ID}`,
      info.postgres!.template,
    );
    results.value('reset.postgres.tables', plain.tables.length);
    for (const [key, sql] of [
      ['truncate_all', plain.truncateAllSql],
      ['delete_all', plain.deleteAllSql],
    ] as const) {
      await measure(results, `reset.postgres.${key}`, n, warmup, () =>
        around(
          nothing,
          () => writeUser(plain.pool),
          () => plain.pool.query(sql),
        ),
      );
      done(`postgres.${key}`);
    }
    await plain.drop();
  }
  {
    // @testcontainers/postgresql's snapshot/restore works on the container's own database: a
    // container of its own, with the stack's test-grade settings, migrated, snapshotted.
    const started: StartedPostgreSqlContainer = await postgresContainer({
      labels: { [BENCH_LABEL]: RUN_ID },
    }).start();
    const stop = onCleanup('stop snapshot container', () =>
      started.stop({ remove: true, removeVolumes: true }),
    );
    const files = await readMigrations('postgres', PG_MIGRATIONS, 'bench');
    await applyMigrations(started.getConnectionUri(), files);
    await started.snapshot();
    let reconnect = 0;
    await measure(results, 'reset.postgres.restore_snapshot', nSlowest, reps(3, 1), async () => {
      const t = now();
      const client = new pg.Client({ connectionString: started.getConnectionUri() });
      await client.connect();
      reconnect += now() - t;
      const r = await around(
        nothing,
        () => writeUser(client),
        async () => {
          // restoreSnapshot drops the database WITH (FORCE): the test's connection has to go first.
          await client.end();
          await started.restoreSnapshot();
        },
      );
      return r;
    });
    results.note(
      'reset.postgres.restore_snapshot',
      `StartedPostgreSqlContainer.restoreSnapshot() (docker exec psql: DROP DATABASE WITH (FORCE), CREATE DATABASE ... TEMPLATE), closing the test's connection first; reconnecting after it (not counted) took ${(reconnect / (nSlowest + reps(3, 1))).toFixed(1)} ms per test on average.`,
    );
    done('postgres.restore_snapshot');
    await stop();
  }

  // ---- MongoDB: clean (and drop) on a worker database; baselines drop + re-migrate, deleteMany everywhere
  {
    const worker = await MongodbWorker.create(info.mongodb!, `dbc_bench_mw_${RUN_ID}`);
    const close = onCleanup('close mongo worker', () => worker.close());
    const events = worker.client.db(worker.database).collection('events');
    for (const strategy of ['clean', 'drop'] as MongodbStrategy[]) {
      await measure(results, `reset.mongodb.${strategy}`, strategy === 'drop' ? nSlow : n, warmup, (i) =>
        around(
          () => worker.beginTest(),
          () => events.insertOne(eventDoc(i)),
          () => worker.endTest(strategy),
        ),
      );
      await worker.endFile();
      done(`mongodb.${strategy}`);
    }
    await close();
  }
  {
    const plain = await PlainMongo.create(info.mongodb!.url, `dbc_bench_mplain_${RUN_ID}`, MONGO_MIGRATIONS);
    const events = plain.db.collection('events');
    await measure(results, 'reset.mongodb.drop_remigrate', nSlow, warmup, (i) =>
      around(
        nothing,
        () => events.insertOne(eventDoc(i)),
        () => plain.dropAndMigrate(),
      ),
    );
    done('mongodb.drop_remigrate');
    await measure(results, 'reset.mongodb.delete_many_all', n, warmup, (i) =>
      around(
        nothing,
        () => events.insertOne(eventDoc(i)),
        () => plain.deleteManyAll(),
      ),
    );
    done('mongodb.delete_many_all');
    await plain.close();
  }

  // ---- Redis: FLUSHDB of the worker's database (the plugin) against FLUSHALL
  {
    const worker = await RedisWorker.create(databaseUrl(info.redis!.url, '30'));
    const close = onCleanup('close redis worker', () => worker.close());
    await measure(results, 'reset.redis.flushdb', n, warmup, () =>
      around(
        () => worker.beginTest(),
        () => writeRedisKeys(worker.client),
        () => worker.endTest(),
      ),
    );
    done('redis.flushdb');
    await worker.endFile();
    await close();
    const plain = await plainRedis(info.redis!.url, 31);
    await measure(results, 'reset.redis.flushall', n, warmup, () =>
      around(
        nothing,
        () => writeRedisKeys(plain),
        () => plain.flushall(),
      ),
    );
    done('redis.flushall');
  }

  // ---- Qdrant: delete the points of the written collection (the plugin) against delete + recreate
  {
    const worker = await QdrantWorker.create(info.qdrant!, `bench${RUN_ID}_`);
    const close = onCleanup('close qdrant worker', () => worker.close());
    await measure(results, 'reset.qdrant.delete_points', nSlow, warmup, (i) =>
      around(
        () => worker.beginTest(),
        () => writePoint(worker.client, `${worker.prefix}products`, i),
        () => worker.endTest(),
      ),
    );
    done('qdrant.delete_points');
    // The stack's Qdrant runs with the fixtures' default settings: test-grade ones once
    // qdrant.testGrade exists (default true); until then this is the current default's figure.
    results.value('reset.qdrant.test_grade.p50_ms', results.figures['reset.qdrant.delete_points.p50_ms']!);
    await worker.endFile();
    await close();
    const plain = await PlainQdrant.create(info.qdrant!.url, `benchplain${RUN_ID}_`, QDRANT_COLLECTIONS);
    await measure(results, 'reset.qdrant.recreate', nSlowest, warmup, (i) =>
      around(
        nothing,
        () => writePoint(plain.client, plain.name('products'), i),
        () => plain.recreate(),
      ),
    );
    done('qdrant.recreate');
    await plain.deleteAll();
  }

  // ---- The floor: one trivial request to each store (PostgreSQL SELECT 1, Mongo ping, Redis PING,
  // Qdrant exact count), interleaved. A reset touching the four stores in parallel cannot beat the slowest.
  {
    const floorPg = await PlainPostgres.create(info.postgres!.url, `dbc_bench_floor_${RUN_ID}`, undefined);
    const floorMongo = await PlainMongo.create(info.mongodb!.url, `dbc_bench_mfloor_${RUN_ID}`, undefined);
    const floorRedis = await plainRedis(info.redis!.url, 33);
    const floorQdrant = await PlainQdrant.create(
      info.qdrant!.url,
      `benchfloor${RUN_ID}_`,
      QDRANT_COLLECTIONS,
    );
    const requests: [string, () => Promise<unknown>][] = [
      ['postgres', () => floorPg.pool.query('SELECT 1')],
      ['mongodb', () => floorMongo.db.command({ ping: 1 })],
      ['redis', () => floorRedis.ping()],
      ['qdrant', () => floorQdrant.client.count(floorQdrant.name('products'), { exact: true })],
    ];
    const samples: Record<string, number[]> = {};
    for (let i = -warmup; i < n; i += 1)
      for (const [store, request] of requests) {
        const t = now();
        await request();
        if (i >= 0) (samples[store] ??= []).push(now() - t);
      }
    const p50s = requests.map(([store]) => results.percentiles(`reset.floor.${store}`, samples[store]!).p50);
    results.value('reset.all.floor_p50_ms', Math.max(...p50s));
    for (const [store] of requests) done(`floor.${store}`);
    await Promise.all([floorPg.drop(), floorMongo.close(), floorQdrant.deleteAll()]);
  }

  // ---- All four stores, as a test would: WorkerDatabases with a Prisma client and a mongoose connection
  // transaction_no_qdrant: the same without Qdrant, whose offline stand-in answers most requests on a
  // reused connection ~40 ms late (see the notes), to show the other three stores' share.
  for (const [key, strategy, withQdrant] of [
    ['transaction', 'transaction', true],
    ['truncate', 'truncate', true],
    ['transaction_no_qdrant', 'transaction', false],
  ] as [string, PostgresStrategy, boolean][]) {
    const worker = new WorkerDatabases(info, 8, { postgres: strategy, mongodb: 'clean', leakCheck: false });
    const close = onCleanup('close worker databases', () => worker.close());
    const prisma = await worker.prismaClient(PrismaClient);
    const mongo = await worker.mongooseConnection();
    worker.beginFile();
    await measure(results, `reset.all.${key}`, nAll, warmup, async (i) => {
      const a = now();
      await worker.beginTest({ postgres: strategy });
      const b = now();
      // The fixtures hand each test the worker's clients (the Redis one marks Redis as used).
      const redis = (await worker.redis()).client;
      const qdrant = withQdrant ? (await worker.qdrant()).client : undefined;
      const user = await prisma.user.create({ data: { email: `${unique('a')}@example.com`, name: 'Bench' } });
      if (i % 2 === 1)
        await prisma.address.create({
          data: { userId: user.id, line1: '1 Main St', city: 'Utrecht', postalCode: '3511', country: 'NL' },
        });
      await mongo.collection('events').insertOne(eventDoc(i));
      await writeRedisKeys(redis);
      if (qdrant) await writePoint(qdrant, `${worker.names.qdrant}products`, i);
      const c = now();
      await worker.endTest(`test ${i}`);
      const d = now();
      return { reset: b - a + (d - c), write: c - b };
    });
    done(`all.${key}`);
    // Each store's own share, as WorkerDatabases timed it (its resets run concurrently).
    for (const [store, samples] of Object.entries(worker.stats.samples))
      results.percentiles(`reset.all.${key}.by_store.${store}`, samples.slice(warmup));
    await worker.endFile();
    await prisma.$disconnect();
    await mongo.close();
    await close();
  }
  {
    // Naive: the same writes on plain namespaces, and an afterEach doing all four resets at once.
    const pgPlain = await PlainPostgres.create(
      info.postgres!.url,
      `dbc_bench_naive_${RUN_ID}`,
      info.postgres!.template,
    );
    const mongoPlain = await PlainMongo.create(
      info.mongodb!.url,
      `dbc_bench_mnaive_${RUN_ID}`,
      MONGO_MIGRATIONS,
    );
    const redis = await plainRedis(info.redis!.url, 32);
    const qdrant = await PlainQdrant.create(info.qdrant!.url, `benchnaive${RUN_ID}_`, QDRANT_COLLECTIONS);
    const events = mongoPlain.db.collection('events');
    await measure(results, 'reset.all.naive', nAll, warmup, (i) =>
      around(
        nothing,
        async () => {
          await writeUserAndAddress(pgPlain.pool, i % 2 === 1);
          await events.insertOne(eventDoc(i));
          await writeRedisKeys(redis);
          await writePoint(qdrant.client, qdrant.name('products'), i);
        },
        () =>
          Promise.all([
            pgPlain.pool.query(pgPlain.truncateAllSql),
            mongoPlain.deleteManyAll(),
            redis.flushdb(),
            qdrant.recreate(),
          ]),
      ),
    );
    done('all.naive');
    await Promise.all([pgPlain.drop(), mongoPlain.close(), qdrant.deleteAll()]);
  }
  results.note(
    'reset',
    `${n} tests per strategy (${nSlow} for postgres fresh, mongodb drop/drop_remigrate, qdrant delete_points; ${nSlowest} for restore_snapshot and qdrant recreate; ${nAll} for reset.all.*), after ${warmup} unkept. ` +
      'Reset = beginTest + endTest of the plugin (0 for baselines) + the reset statement(s). ' +
      'reset.all.naive: TRUNCATE every table + deleteMany on every collection + FLUSHDB + delete/recreate both collections, in parallel.',
  );
}
