// Section 5: how the per-test reset grows with the schema: 10, 50 and 150 tables (one written per
// test) for the plugin's three strategies and TRUNCATE of every table; 5 and 50 MongoDB collections
// (one written per test) for `clean` and deleteMany on every collection. The synthetic schemas are
// generated as migrations into the run's scratch folder and built into templates by the library.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StackInfo, PostgresStrategy } from '../../src/public/index.js';
import {
  MongodbWorker,
  PostgresWorker,
  readMigrations,
  sha256,
  ensureMongoTemplate,
  ensurePostgresTemplate,
} from '../../src/internal/bench.js';
import { onCleanup } from '../lib/cleanup.js';
import { reps, RUN_ID, TMP_DIR } from '../lib/env.js';
import { SCALING_COLLECTIONS, SCALING_TABLES } from '../lib/keys.js';
import { around, logged, measure, nothing } from '../lib/measure.js';
import { PlainMongo, PlainPostgres } from '../lib/plain.js';
import type { Results } from '../lib/results.js';
import { time } from '../lib/stats.js';

const table = (i: number) => `t${String(i).padStart(3, '0')}`;

/**
 * `count` tables in groups of five: a root and four children referencing it (as in a real schema);
 * the first root holds three rows of reference data (a second migration). Tests write to t001, a
 * child no table references, with no parent (so TRUNCATE of every table cannot break the next insert).
 */
export function scalingSchema(count: number): { init: string; seed: string } {
  const statements: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const root = i - (i % 5);
    const parent =
      i === root ? '' : `    "parent_id" INTEGER REFERENCES "${table(root)}"("id") ON DELETE CASCADE,\n`;
    statements.push(
      `CREATE TABLE "${table(i)}" (\n    "id" SERIAL PRIMARY KEY,\n${parent}    "name" TEXT NOT NULL,\n    "value" INTEGER NOT NULL DEFAULT 0,\n    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP\n);`,
    );
    if (parent) statements.push(`CREATE INDEX "${table(i)}_parent_idx" ON "${table(i)}"("parent_id");`);
  }
  return {
    init: `${statements.join('\n\n')}\n`,
    seed: `INSERT INTO "${table(0)}" ("name") VALUES ('alpha'), ('beta'), ('gamma');\n`,
  };
}

function writeSchema(count: number): string {
  const dir = join(TMP_DIR, 'scaling', `pg-${count}`);
  const { init, seed } = scalingSchema(count);
  mkdirSync(join(dir, '20250101000000_init'), { recursive: true });
  mkdirSync(join(dir, '20250101000001_seed'), { recursive: true });
  writeFileSync(join(dir, '20250101000000_init', 'migration.sql'), init);
  writeFileSync(join(dir, '20250101000001_seed', 'migration.sql'), seed);
  return dir;
}

/** A migrate-mongo migration creating `count` collections, each with an index. */
function writeMongoMigrations(count: number): string {
  const dir = join(TMP_DIR, 'scaling', `mongo-${count}`);
  mkdirSync(dir, { recursive: true });
  const names = Array.from({ length: count }, (_, i) => `c${String(i).padStart(3, '0')}`);
  writeFileSync(
    join(dir, '20250101000000-collections.js'),
    `const NAMES = ${JSON.stringify(names)};\n` +
      `export const up = async (db) => {\n  for (const name of NAMES) {\n    await db.createCollection(name);\n    await db.collection(name).createIndex({ k: 1 }, { name: 'k' });\n  }\n};\n` +
      `export const down = async (db) => {\n  for (const name of NAMES) await db.collection(name).drop();\n};\n`,
  );
  return dir;
}

const insertT001 = (db: { query(text: string, values?: unknown[]): Promise<unknown> }) =>
  db.query(`INSERT INTO "t001" ("name", "value") VALUES ($1, 1)`, ['row']);

export async function scalingSection(
  results: Results,
  info: StackInfo,
  log: (line: string) => void,
): Promise<void> {
  const n = reps(150, 20);
  const nFresh = reps(40, 6);
  const warmup = reps(10, 2);
  const show = logged(results, log);

  for (const count of SCALING_TABLES) {
    const dir = writeSchema(count);
    const files = await readMigrations('postgres', dir, 'bench');
    const built = await ensurePostgresTemplate(info.postgres!.url, files, {
      setKey: sha256(dir).slice(0, 6),
      migrate: 'sql',
    });
    const pgInfo = { ...info.postgres!, template: built.template };
    let worker!: PostgresWorker;
    const create = await time(async () => {
      worker = await PostgresWorker.create(pgInfo, `dbc_bench_sc${count}_${RUN_ID}`);
    });
    results.median(`scaling.worker_create.${count}_ms`, [create]);
    const close = onCleanup(`close scaling worker ${count}`, () => worker.close());
    for (const strategy of ['transaction', 'truncate', 'fresh'] as PostgresStrategy[]) {
      worker.beginFile();
      await measure(results, `scaling.${strategy}.${count}`, strategy === 'fresh' ? nFresh : n, warmup, () =>
        around(
          () => worker.beginTest(strategy),
          () => insertT001(worker.pool),
          () => worker.endTest(strategy, false),
        ),
      );
      await worker.endFile();
      show(`scaling.${strategy}.${count}`);
    }
    await close();
    const plain = await PlainPostgres.create(
      info.postgres!.url,
      `dbc_bench_scp${count}_${RUN_ID}`,
      built.template,
    );
    await measure(results, `scaling.truncate_all.${count}`, n, warmup, () =>
      around(
        nothing,
        () => insertT001(plain.pool),
        () => plain.pool.query(plain.truncateAllSql),
      ),
    );
    show(`scaling.truncate_all.${count}`);
    await plain.drop();
  }

  const { MongoClient } = await import('mongodb');
  const client = await MongoClient.connect(info.mongodb!.url, { serverSelectionTimeoutMS: 10_000 });
  onCleanup('close mongo client', () => client.close());
  for (const count of SCALING_COLLECTIONS) {
    const dir = writeMongoMigrations(count);
    const files = await readMigrations('mongodb', dir, 'bench');
    const { template } = await ensureMongoTemplate(client, dir, files);
    onCleanup(`drop mongo template ${template}`, () =>
      client
        .db(template)
        .dropDatabase()
        .catch(() => undefined),
    );
    let worker!: MongodbWorker;
    const create = await time(async () => {
      worker = await MongodbWorker.create({ ...info.mongodb!, template }, `dbc_bench_msc${count}_${RUN_ID}`);
    });
    results.median(`scaling.mongodb_worker_create.${count}_ms`, [create]);
    const close = onCleanup(`close mongo scaling worker ${count}`, () => worker.close());
    const c001 = worker.client.db(worker.database).collection('c001');
    await measure(results, `scaling.mongodb_clean.${count}`, n, warmup, (i) =>
      around(
        () => worker.beginTest(),
        () => c001.insertOne({ k: i }),
        () => worker.endTest('clean'),
      ),
    );
    show(`scaling.mongodb_clean.${count}`);
    await close();
    const plain = await PlainMongo.create(info.mongodb!.url, `dbc_bench_mscp${count}_${RUN_ID}`, dir);
    const p001 = plain.db.collection('c001');
    await measure(results, `scaling.mongodb_delete_many_all.${count}`, n, warmup, (i) =>
      around(
        nothing,
        () => p001.insertOne({ k: i }),
        () => plain.deleteManyAll(),
      ),
    );
    show(`scaling.mongodb_delete_many_all.${count}`);
    await plain.close();
  }
  results.note(
    'scaling',
    `${n} tests per strategy (${nFresh} for fresh). Synthetic schemas: groups of five tables (a root, four children with a foreign key), reference rows in t000; each test inserts one row into t001. ` +
      'scaling.worker_create: PostgresWorker.create (clone + change tracking) once per size.',
  );
}
