// The repository's example schema (10 tables, 5 MongoDB collections, 2 Qdrant collections) and the
// fixture configs the benchmark starts stacks with.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import type { QdrantCollectionSchema } from 'database-config/internal';
import { defineDatabaseFixtures, type DatabaseFixturesConfig } from '../../src/public/index.js';
import { BENCH_ENV } from './docker.js';
import { ROOT, RUN_ID } from './env.js';

export const PG_MIGRATIONS = join(ROOT, 'prisma', 'migrations');
export const MONGO_MIGRATIONS = join(ROOT, 'mongo-migrations');
export const QDRANT_COLLECTIONS = JSON.parse(
  readFileSync(join(ROOT, 'examples', 'catalog', 'collections.json'), 'utf8'),
) as QdrantCollectionSchema[];

/** The example stack: all four stores with the example migrations and collections. */
export function exampleFixtures(options: { reuse?: boolean } = {}): DatabaseFixturesConfig {
  // With reuse, the run's marker in each container's environment makes its hash unique: the
  // benchmark attaches only to containers it started, and can tell them from anyone else's.
  const env = options.reuse ? { env: { [BENCH_ENV]: RUN_ID } } : {};
  return {
    postgres: { migrations: PG_MIGRATIONS, ...env },
    mongodb: { migrations: MONGO_MIGRATIONS, ...env },
    redis: { ...env },
    qdrant: { collections: QDRANT_COLLECTIONS, ...env },
    isolation: { leakCheck: false },
    report: false,
    reuse: options.reuse ?? false,
    root: ROOT,
  };
}

export const exampleConfig = (options: { reuse?: boolean } = {}) =>
  defineDatabaseFixtures(exampleFixtures(options));

/** User tables of a database (schema-qualified, quoted), children before parents (safe DELETE order). */
export async function userTables(client: pg.ClientBase | pg.Pool): Promise<string[]> {
  const { rows } = await client.query<{ oid: number; name: string }>(`
    SELECT c.oid::int AS oid, format('%I.%I', n.nspname, c.relname) AS name
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'dbc')
      AND n.nspname NOT LIKE 'pg_%' AND c.relname <> '_prisma_migrations'
    ORDER BY c.relname`);
  const fks = (
    await client.query<{ child: number; parent: number }>(
      `SELECT conrelid::int AS child, confrelid::int AS parent FROM pg_constraint WHERE contype = 'f' AND conrelid <> confrelid`,
    )
  ).rows;
  // Children first: a table comes after every table that references it is placed.
  const ordered: string[] = [];
  const placed = new Set<number>();
  const pending = [...rows];
  while (pending.length > 0) {
    const index = pending.findIndex(
      (t) =>
        !fks.some(
          (fk) =>
            fk.parent === t.oid &&
            fk.child !== t.oid &&
            !placed.has(fk.child) &&
            rows.some((r) => r.oid === fk.child),
        ),
    );
    const next = pending.splice(index < 0 ? 0 : index, 1)[0]!;
    placed.add(next.oid);
    ordered.push(next.name);
  }
  return ordered;
}
