// What the isolation fuzz compares, read through connections of its own (never the fixtures'):
// PostgreSQL tables and sequences, MongoDB collections and their indexes, Redis keys, Qdrant
// points and payload indexes. The global setup reads the templates once; every test reads the
// worker's namespaces and compares them with the template plus what its file wrote outside tests.
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Db } from 'mongodb';
import type pg from 'pg';
import type { StackInfo } from '../../src/public/vitest.js';

/** Rows the fuzz writes outside tests carry this prefix in the table's marker column. */
export const FILE_MARK = 'file-';

/** The column that tells a file's rows from the template's, per table the fuzz writes to outside tests. */
export const MARKER_COLUMNS: Record<string, string> = {
  User: 'email',
  Category: 'slug',
  Tag: 'name',
  Coupon: 'code',
};

/** One PostgreSQL table: all rows, the file's (marked) rows, and a digest of the other rows' contents. */
export interface TableState {
  rows: number;
  marked: number;
  digest: string;
}

export interface PostgresState {
  tables: Record<string, TableState>;
  /** `pg_sequences.last_value` (a string; null before the first nextval). */
  sequences: Record<string, string | null>;
}

/** One MongoDB collection: its document count and index names. */
export interface CollectionState {
  count: number;
  indexes: string[];
}

/** The template databases' state, read once by the fuzz's global setup. */
export interface TemplateState {
  postgres: PostgresState;
  mongodb: Record<string, CollectionState>;
  /** Payload index fields per Qdrant collection (unprefixed name), from the stack's schemas. */
  qdrant: Record<string, string[]>;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The templates as the fuzz's global setup read them. */
    fuzzTemplate: TemplateState;
  }
}

type Query = Pick<pg.Client, 'query'>;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;
const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;

/** Every public table's state and every public sequence's value, in two queries. */
export async function readPostgres(client: Query): Promise<PostgresState> {
  const { rows: tables } = await client.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts = tables.map(({ name }) => {
    const column = MARKER_COLUMNS[name];
    const marked = column ? `t.${ident(column)} LIKE ${literal(`${FILE_MARK}%`)}` : 'false';
    return `SELECT ${literal(name)} AS name, count(*)::int AS rows, count(*) FILTER (WHERE ${marked})::int AS marked,
      md5(COALESCE(string_agg(to_jsonb(t)::text, '|' ORDER BY to_jsonb(t)::text) FILTER (WHERE NOT ${marked}), '')) AS digest
      FROM public.${ident(name)} t`;
  });
  const result: PostgresState = { tables: {}, sequences: {} };
  if (parts.length > 0) {
    const { rows } = await client.query<TableState & { name: string }>(parts.join('\nUNION ALL\n'));
    for (const { name, ...state } of rows) result.tables[name] = state;
  }
  const { rows: sequences } = await client.query<{ name: string; value: string | null }>(
    `SELECT sequencename AS name, last_value::text AS value FROM pg_sequences WHERE schemaname = 'public' ORDER BY 1`,
  );
  for (const { name, value } of sequences) result.sequences[name] = value;
  return result;
}

/** Collections of a MongoDB database (the library's template marker and system collections left out). */
export async function readMongodb(db: Db): Promise<Record<string, CollectionState>> {
  const names = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((name) => name !== '_dbc_template' && !name.startsWith('system.'))
    .sort();
  const states = await Promise.all(
    names.map(async (name) => {
      const collection = db.collection(name);
      const [count, indexes] = await Promise.all([
        collection.countDocuments(),
        collection.listIndexes().toArray(),
      ]);
      return { count, indexes: indexes.map((i) => String(i.name)).sort() };
    }),
  );
  return Object.fromEntries(names.map((name, i) => [name, states[i]!]));
}

/** The key count of a Redis namespace: a logical database of its own, or a key prefix. */
export async function readRedis(redis: Redis, prefix: string): Promise<number> {
  if (!prefix) return redis.dbsize();
  let count = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    count += keys.length;
    cursor = next;
  } while (cursor !== '0');
  return count;
}

/** The worker's Qdrant collections (unprefixed names): point count and payload index fields. */
export async function readQdrant(
  qdrant: QdrantClient,
  prefix: string,
): Promise<Record<string, { points: number; indexes: string[] }>> {
  const { collections } = await qdrant.getCollections();
  const own = collections
    .map((c) => c.name)
    .filter((name) => name.startsWith(prefix))
    .sort();
  const states = await Promise.all(
    own.map(async (name) => {
      const [{ count }, info] = await Promise.all([
        qdrant.count(name, { exact: true }),
        qdrant.getCollection(name),
      ]);
      return { points: count, indexes: Object.keys(info.payload_schema ?? {}).sort() };
    }),
  );
  return Object.fromEntries(own.map((name, i) => [name.slice(prefix.length), states[i]!]));
}

/** Payload index fields of the stack's Qdrant collections (the template every worker's collections follow). */
export function qdrantTemplate(stack: StackInfo): Record<string, string[]> {
  return Object.fromEntries(
    (stack.qdrant?.collections ?? []).map((c) => [c.name, Object.keys(c.payloadIndexes ?? {}).sort()]),
  );
}
