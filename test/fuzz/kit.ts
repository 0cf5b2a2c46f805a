// What the generated fuzz files call (test/fuzz/generate.ts writes only data and calls): the
// writes outside tests that make up a file's baseline, the writes a test does to every store, and
// the check every test starts with, from connections of its own, that every store equals the
// template plus the file's baseline.
import { randomUUID } from 'node:crypto';
import { QdrantClient } from '@qdrant/js-client-rest';
import { Redis } from 'ioredis';
import { MongoClient, type Db } from 'mongodb';
import type { Connection } from 'mongoose';
import pg from 'pg';
import { expect, inject } from 'vitest';
import type { PrismaClient } from '../../prisma/generated/client.js';
import type { Databases } from '../../src/public/vitest.js';
import type { OpKind, OutsideWrites, PostgresStrategy, TestPlan } from './plan.js';
import {
  FILE_MARK,
  readMongodb,
  readPostgres,
  readQdrant,
  readRedis,
  type CollectionState,
  type PostgresState,
  type TemplateState,
} from './snapshot.js';

/** What a file wrote outside its tests so far: the baseline on top of the template. */
export interface FileState {
  /** Marked rows added per table. */
  rows: Record<string, number>;
  /** Values consumed per sequence (rows and failed INSERTs). */
  sequences: Record<string, number>;
  /** Documents and index names added per MongoDB collection (template or new). */
  collections: Record<string, { count: number; indexes: string[] }>;
  redisKeys: number;
  /** Points per Qdrant collection (unprefixed). */
  points: Record<string, number>;
  /** Payload index fields added per Qdrant collection (unprefixed). */
  payloadIndexes: Record<string, string[]>;
}

export const newFileState = (): FileState => ({
  rows: {},
  sequences: {},
  collections: {},
  redisKeys: 0,
  points: {},
  payloadIndexes: {},
});

/** The fixtures a generated test asks for. */
export interface FuzzContext {
  db: Databases<PrismaClient>;
  prisma: PrismaClient;
  mongo: Connection;
  redis: Redis;
  qdrant: QdrantClient;
}

const add = (record: Record<string, number>, key: string, n: number) => {
  record[key] = (record[key] ?? 0) + n;
};

const vector = (k: number) => Array.from({ length: 8 }, (_, i) => ((k + i) % 5) + 1);

/** Runs a file's (or a describe's) writes outside tests and records them in `state`. */
export async function writeOutside(dbs: Databases<PrismaClient>, state: FileState, w: OutsideWrites) {
  const mark = `${FILE_MARK}${w.scope}`;
  const prisma = await dbs.prisma();
  const rows: [string, number, (i: number) => Promise<unknown>][] = [
    [
      'User',
      w.users ?? 0,
      (i) => prisma.user.create({ data: { email: `${mark}-u${i}@fuzz.test`, name: mark } }),
    ],
    [
      'Category',
      w.categories ?? 0,
      (i) => prisma.category.create({ data: { slug: `${mark}-c${i}`, name: mark } }),
    ],
    ['Tag', w.tags ?? 0, (i) => prisma.tag.create({ data: { name: `${mark}-t${i}` } })],
    [
      'Coupon',
      w.coupons ?? 0,
      (i) => prisma.coupon.create({ data: { code: `${mark}-k${i}`, percentOff: 5 + i } }),
    ],
  ];
  for (const [table, count, create] of rows) {
    for (let i = 0; i < count; i += 1) {
      await create(i);
      add(state.rows, table, 1);
      add(state.sequences, `${table}_id_seq`, 1);
    }
  }
  for (let i = 0; i < (w.failedInserts ?? 0); i += 1) {
    await expect(
      prisma.category.create({ data: { slug: 'books', name: 'duplicate' } }),
    ).rejects.toMatchObject({
      code: 'P2002',
    });
    add(state.sequences, 'Category_id_seq', 1);
  }

  const mongo = (await dbs.mongo()).db!;
  const addDocs = async (name: string, docs: Record<string, unknown>[]) => {
    if (docs.length === 0) return;
    await mongo.collection(name).insertMany(docs);
    (state.collections[name] ??= { count: 0, indexes: [] }).count += docs.length;
  };
  const seq = (n = 0) => Array.from({ length: n }, (_, i) => i);
  await addDocs(
    'reviews',
    seq(w.reviews).map((i) => ({ productId: `${mark}-${i}`, userId: 1, stars: 5, body: mark })),
  );
  await addDocs(
    'events',
    seq(w.events).map((i) => ({ type: 'order.placed', at: new Date(), payload: { orderId: i }, mark })),
  );
  await addDocs(
    `file_${w.scope}`,
    seq(w.newCollection).map((i) => ({ i, mark })),
  );
  if (w.mongoIndex) {
    const name = `file_${w.scope}`;
    await mongo.collection('events').createIndex({ [name]: 1 }, { name });
    (state.collections.events ??= { count: 0, indexes: [] }).indexes.push(name);
  }

  const redis = await dbs.redis();
  for (let i = 0; i < (w.redisKeys ?? 0); i += 1) {
    const key = `file:${w.scope}:${i}`;
    if (i % 2 === 0) await redis.set(key, mark, 'EX', 3600);
    else await redis.hset(key, { mark, i: String(i) });
    state.redisKeys += 1;
  }

  const qdrant = await dbs.qdrant();
  let id = w.pointBase ?? 1;
  for (const [collection, count] of Object.entries(w.points ?? {})) {
    if (count === 0) continue;
    const points = seq(count).map(() => {
      id += 1;
      return { id, vector: vector(id), payload: { mark, productId: id } };
    });
    await qdrant.upsert(`${dbs.names.qdrant}${collection}`, { wait: true, points });
    add(state.points, collection, count);
  }
  if (w.payloadIndex) {
    const field = `file_${w.scope}`;
    await qdrant.createPayloadIndex(`${dbs.names.qdrant}products`, {
      field_name: field,
      field_schema: 'keyword',
      wait: true,
    });
    (state.payloadIndexes.products ??= []).push(field);
  }
}

type Op = (ctx: FuzzContext, n: string, k: number) => Promise<void>;

const OPS: Record<OpKind, Op> = {
  'pg.create': async ({ prisma }, n) => {
    const user = await prisma.user.create({ data: { email: `t-${n}@fuzz.test`, name: n } });
    expect(await prisma.user.findUnique({ where: { id: user.id } })).toMatchObject({
      email: `t-${n}@fuzz.test`,
    });
  },
  'pg.unique': async ({ prisma }) => {
    await expect(
      prisma.category.create({ data: { slug: 'books', name: 'duplicate' } }),
    ).rejects.toMatchObject({
      code: 'P2002',
    });
  },
  'pg.rollback': async ({ prisma }, n) => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.tag.create({ data: { name: `t-${n}` } });
        await tx.coupon.deleteMany({});
        await tx.user.create({ data: { email: `t-${n}-tx@fuzz.test`, name: n } });
        throw new Error('fuzz rollback');
      }),
    ).rejects.toThrow('fuzz rollback');
  },
  'pg.batch': async ({ prisma }, n) => {
    await prisma.$transaction([
      prisma.user.create({ data: { email: `t-${n}-batch@fuzz.test`, name: n } }),
      prisma.tag.createMany({ data: [{ name: `t-${n}-a` }, { name: `t-${n}-b` }] }),
      prisma.category.updateMany({ where: { slug: 'books' }, data: { name: `Books ${n}` } }),
    ]);
  },
  'pg.nested': async ({ prisma }, n) => {
    const product = await prisma.product.create({
      data: {
        sku: `t-${n}`,
        name: n,
        priceCents: 100,
        category: { connect: { slug: 'books' } },
        tags: { create: [{ tag: { create: { name: `t-${n}-tag` } } }] },
      },
    });
    await prisma.user.create({
      data: {
        email: `t-${n}-buyer@fuzz.test`,
        name: n,
        addresses: { create: [{ line1: '1 Fuzz St', city: 'Fuzz', postalCode: '00000', country: 'FZ' }] },
        orders: {
          create: [
            {
              totalCents: 100,
              items: { create: [{ productId: product.id, quantity: 1, unitPriceCents: 100 }] },
              payments: { create: [{ amountCents: 100, provider: 'fuzz', reference: `t-${n}` }] },
            },
          ],
        },
      },
    });
  },
  'pg.updateRef': async ({ prisma }, n) => {
    await prisma.coupon.updateMany({ where: { code: 'WELCOME10' }, data: { percentOff: 99, active: false } });
    await prisma.category.updateMany({ data: { name: `renamed ${n}` } });
  },
  'pg.deleteRef': async ({ prisma }) => {
    await prisma.coupon.deleteMany({});
    await prisma.category.deleteMany({ where: { slug: 'home-kitchen' } });
  },
  'pg.deleteFile': async ({ prisma }) => {
    await prisma.user.deleteMany({ where: { email: { startsWith: FILE_MARK } } });
    await prisma.tag.deleteMany({ where: { name: { startsWith: FILE_MARK } } });
  },
  'pg.raw': async ({ prisma }, n) => {
    await prisma.$executeRawUnsafe(`UPDATE "Category" SET name = name || '!'`);
    await prisma.$executeRaw`INSERT INTO "Tag" (name) VALUES (${`t-${n}-raw`})`;
  },
  'pg.outside': async ({ db }, n) => {
    const client = new pg.Client({
      connectionString: await db.postgresUrl(),
      connectionTimeoutMillis: 10_000,
    });
    await client.connect();
    try {
      await client.query(`INSERT INTO "User" (email, name) VALUES ($1, $2)`, [`t-${n}-own@fuzz.test`, n]);
      await client.query(`DELETE FROM "Coupon"`);
    } finally {
      await client.end();
    }
  },
  'mongo.insert': async ({ mongo }, n, k) => {
    const db = mongo.db!;
    const name = ['reviews', 'events', 'product_views', 'wishlists'][k % 4]!;
    await db
      .collection(name)
      .insertOne({ productId: `t-${n}`, userId: `t-${n}`, type: 'fuzz', at: new Date() });
  },
  'mongo.update': async ({ mongo }) => {
    await mongo.db!.collection('event_types').updateMany({}, { $set: { retentionDays: 1 } });
  },
  'mongo.deleteRef': async ({ mongo }) => {
    await mongo.db!.collection('event_types').deleteMany({});
    await mongo.db!.collection('reviews').deleteMany({});
  },
  'mongo.newCollection': async ({ mongo }, n) => {
    await mongo.db!.collection(`t_${n}`).insertOne({ n });
  },
  'mongo.createIndex': async ({ mongo }, n, k) => {
    const name = ['product_views', 'events', 'reviews'][k % 3]!;
    await mongo.db!.collection(name).createIndex({ [`t_${n}`]: 1 }, { name: `t_${n}` });
  },
  'mongo.drop': async ({ mongo }, _n, k) => {
    const name = ['wishlists', 'events'][k % 2]!;
    if ((await mongo.db!.listCollections({ name }).toArray()).length > 0)
      await mongo.db!.collection(name).drop();
  },
  'redis.set': async ({ redis }, n) => {
    await redis.set(`t:${n}`, 'v', 'EX', 600);
    expect(await redis.get(`t:${n}`)).toBe('v');
  },
  'redis.hset': async ({ redis }, n) => {
    await redis.hset(`t:${n}:h`, { a: '1', b: '2' });
  },
  'redis.expire': async ({ redis, db }, n) => {
    await redis.set(`t:${n}:e`, 'v');
    await redis.expire(`t:${n}:e`, 600);
    for (const key of await db.redisKeys('file:*')) await redis.expire(key, 30);
  },
  'redis.multi': async ({ redis }, n) => {
    await redis.multi().set(`t:${n}:m`, '1').incr(`t:${n}:c`).exec();
  },
  'redis.del': async ({ redis, db }) => {
    const keys = await db.redisKeys('file:*');
    if (keys.length > 0) await redis.del(...keys);
  },
  'qdrant.upsert': async ({ qdrant, db }, _n, k) => {
    const id = 1_000_000 + k;
    await qdrant.upsert(`${db.names.qdrant}products`, {
      wait: true,
      points: [{ id, vector: vector(id), payload: { categoryId: 1, sku: `t-${id}` } }],
    });
  },
  'qdrant.upsertUuid': async ({ qdrant, db }, _n, k) => {
    await qdrant.upsert(`${db.names.qdrant}reviews`, {
      wait: true,
      points: [{ id: randomUUID(), vector: vector(k), payload: { productId: k, stars: 3 } }],
    });
  },
  'qdrant.delete': async ({ qdrant, db }) => {
    await qdrant.delete(`${db.names.qdrant}products`, { wait: true, filter: {} });
  },
  'qdrant.payloadIndex': async ({ qdrant, db }, n) => {
    await qdrant.createPayloadIndex(`${db.names.qdrant}reviews`, {
      field_name: `t_${n}`,
      field_schema: 'keyword',
      wait: true,
    });
  },
};

/** Checks the baseline from outside, checks the strategy in force, then does the test's writes. */
export async function runTest(ctx: FuzzContext, state: FileState, plan: TestPlan): Promise<void> {
  await expectBaseline(ctx.db, state, plan.strategy);
  const rows = await ctx.prisma.$queryRawUnsafe<{ app: string; database: string }[]>(
    `SELECT current_setting('application_name') AS app, current_database() AS database`,
  );
  const { app, database } = rows[0]!;
  const seen =
    database !== ctx.db.names.postgres
      ? 'fresh'
      : app === 'database-config:file-transaction'
        ? 'transaction'
        : app === 'database-config:worker'
          ? 'truncate'
          : `unknown (application_name ${app})`;
  expect(seen, `the PostgreSQL strategy in force for ${plan.id}`).toBe(plan.strategy);
  for (const [k, kind] of plan.ops.entries()) {
    await OPS[kind](ctx, `${plan.id}-${k}`.replace(/[^a-z0-9-]/gi, '_'), k);
  }
}

interface Outside {
  pg: pg.Client;
  mongo: MongoClient;
  redis: Redis;
  qdrant: QdrantClient;
}

let outside: Promise<Outside> | undefined;

/** The fuzz's own connections to the worker's namespaces, opened once per file. */
function connectOutside(db: Databases<PrismaClient>): Promise<Outside> {
  outside ??= (async () => {
    const stack = inject('databaseStack');
    const url = new URL(stack.postgres!.url);
    url.pathname = `/${db.names.postgres}`;
    const client = new pg.Client({
      connectionString: url.toString(),
      connectionTimeoutMillis: 10_000,
      query_timeout: 10_000,
      application_name: 'fuzz:outside',
    });
    await client.connect();
    const mongo = await MongoClient.connect(stack.mongodb!.url, { serverSelectionTimeoutMS: 10_000 });
    const redisUrl = new URL(stack.redis!.url);
    redisUrl.pathname = `/${db.names.redis}`;
    const redis = new Redis(redisUrl.toString(), {
      connectTimeout: 10_000,
      commandTimeout: 10_000,
      maxRetriesPerRequest: 1,
    });
    const qdrant = new QdrantClient({
      url: stack.qdrant!.url,
      ...(stack.qdrant!.apiKey ? { apiKey: stack.qdrant!.apiKey } : {}),
      timeout: 10_000,
      checkCompatibility: false,
    });
    return { pg: client, mongo, redis, qdrant };
  })();
  return outside;
}

/** Closes the fuzz's own connections (a generated file's afterAll). */
export async function closeOutside(): Promise<void> {
  const open = outside;
  outside = undefined;
  const o = await open?.catch(() => undefined);
  if (!o) return;
  o.redis.disconnect();
  await Promise.allSettled([o.pg.end(), o.mongo.close()]);
}

/** The state every store must be in when a test starts: the template plus what the file wrote outside tests. */
export function expectedState(template: TemplateState, state: FileState) {
  const tables = Object.fromEntries(
    Object.entries(template.postgres.tables).map(([name, t]) => [
      name,
      { rows: t.rows + (state.rows[name] ?? 0), marked: state.rows[name] ?? 0, digest: t.digest },
    ]),
  );
  const sequences = Object.fromEntries(
    Object.entries(template.postgres.sequences).map(([name, value]) => {
      const consumed = state.sequences[name] ?? 0;
      return [name, consumed === 0 ? value : String(Number(value ?? 0) + consumed)];
    }),
  );
  const mongodb: Record<string, CollectionState> = {};
  for (const name of new Set([...Object.keys(template.mongodb), ...Object.keys(state.collections)])) {
    const base = template.mongodb[name] ?? { count: 0, indexes: ['_id_'] };
    const added = state.collections[name] ?? { count: 0, indexes: [] };
    mongodb[name] = { count: base.count + added.count, indexes: [...base.indexes, ...added.indexes].sort() };
  }
  const qdrant = Object.fromEntries(
    Object.entries(template.qdrant).map(([name, indexes]) => [
      name,
      {
        points: state.points[name] ?? 0,
        indexes: [...indexes, ...(state.payloadIndexes[name] ?? [])].sort(),
      },
    ]),
  );
  return { postgres: { tables, sequences } satisfies PostgresState, mongodb, redis: state.redisKeys, qdrant };
}

/**
 * Reads every store from the fuzz's own connections and compares with {@link expectedState}; under
 * 'fresh' the test's own database (db.postgresUrl()) is compared too.
 */
export async function expectBaseline(
  db: Databases<PrismaClient>,
  state: FileState,
  strategy: PostgresStrategy,
): Promise<void> {
  const o = await connectOutside(db);
  const expected = expectedState(inject('fuzzTemplate'), state);
  const [postgres, mongodb, redis, qdrant] = await Promise.all([
    readPostgres(o.pg),
    readMongodb(o.mongo.db(db.names.mongodb) as unknown as Db),
    readRedis(o.redis, db.names.redisKeyPrefix),
    readQdrant(o.qdrant, db.names.qdrant),
  ]);
  expectSame(
    { postgres, mongodb, redis, qdrant },
    expected,
    'every store at the file baseline, seen from outside',
  );
  if (strategy !== 'fresh') return;
  const freshUrl = await db.postgresUrl();
  expect(new URL(freshUrl).pathname.slice(1), 'a fresh test has a database of its own').not.toBe(
    db.names.postgres,
  );
  const client = new pg.Client({
    connectionString: freshUrl,
    connectionTimeoutMillis: 10_000,
    query_timeout: 10_000,
  });
  await client.connect();
  const fresh = await readPostgres(client).finally(() => client.end());
  expectSame(fresh, expected.postgres, "the fresh test's database at the file baseline");
}

/** Leaves of a nested object, by path (arrays as one value). */
function flatten(value: unknown, path = '', out = new Map<string, string>()): Map<string, string> {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) flatten(child, path ? `${path}.${key}` : key, out);
  } else {
    out.set(path, JSON.stringify(value));
  }
  return out;
}

/** Fails naming every path whose value differs, with both values (Vitest's report shows no diff in JSON). */
function expectSame(actual: unknown, expected: unknown, what: string) {
  const [a, e] = [flatten(actual), flatten(expected)];
  const differences = [...new Set([...a.keys(), ...e.keys()])]
    .filter((path) => a.get(path) !== e.get(path))
    .map((path) => `${path}: ${a.get(path) ?? 'absent'}, expected ${e.get(path) ?? 'absent'}`);
  if (differences.length > 0)
    throw new Error(`${what}: ${differences.length} difference(s):\n  ${differences.join('\n  ')}`);
  expect(differences).toEqual([]);
}
