// The little data a test writes: a row in one or two tables, a document, 1,000 Redis keys, a point.
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';

/** Anything with pg's `query(text, values)`. */
export interface Queryable {
  query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

let serial = 0;
/** A value unique within the process (emails, skus). */
export const unique = (tag: string) => `${tag}${process.pid}_${++serial}_${Date.now().toString(36)}`;

/** One row in "User". */
export async function writeUser(db: Queryable): Promise<number> {
  const { rows } = await db.query('INSERT INTO "User" (email, name) VALUES ($1, $2) RETURNING id', [
    `${unique('u')}@example.com`,
    'Bench',
  ]);
  return (rows[0] as { id: number }).id;
}

/** One row in "User" and, when `two`, one in "Address". */
export async function writeUserAndAddress(db: Queryable, two: boolean): Promise<void> {
  const id = await writeUser(db);
  if (two)
    await db.query(
      'INSERT INTO "Address" ("userId", line1, city, "postalCode", country) VALUES ($1, $2, $3, $4, $5)',
      [id, '1 Main St', 'Utrecht', '3511', 'NL'],
    );
}

/** The MSET arguments of 1,000 keys (the same names every test, new values). */
export function redisKeys(count = 1000, tag = 'k'): string[] {
  const args: string[] = [];
  for (let i = 0; i < count; i += 1) args.push(`bench:${tag}:${i}`, String(i));
  return args;
}
const KEYS = redisKeys();

/** 1,000 keys in one MSET. */
export async function writeRedisKeys(redis: Redis): Promise<void> {
  await redis.mset(KEYS);
}

/** A document like the catalog's events. */
export const eventDoc = (i: number) => ({ type: 'order.placed', at: new Date(), payload: { orderId: i } });

/** A unit vector of 8 dimensions. */
export const vector8 = (i: number) => Array.from({ length: 8 }, (_, d) => (d === i % 8 ? 1 : 0));

/** One point into a products collection: test `i` (a non-negative integer) writes point id i + 1. */
export async function writePoint(qdrant: QdrantClient, collection: string, i: number): Promise<void> {
  if (!Number.isSafeInteger(i) || i < 0)
    throw new RangeError(
      `writePoint: test index ${i} is not a non-negative integer; Qdrant point ids are unsigned integers or UUIDs, so point id ${i + 1} would be refused (400)`,
    );
  await qdrant.upsert(collection, {
    wait: true,
    points: [{ id: i + 1, vector: vector8(i), payload: { categoryId: 1 + (i % 3), sku: `SKU-${i}` } }],
  });
}
