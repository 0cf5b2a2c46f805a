// The hand-written alternative the benchmark (bench/nest-e2e.ts) compares the library with: each
// worker's app pointed at namespaces of its own on shared servers (prepared by the benchmark), and
// after every test the data the e2e files write removed by hand, as a project without the
// library would do it. CommonJS, so Jest's CommonJS setup files and Vitest's setup file load it alike.
const pg = require('pg');
const { MongoClient } = require('mongodb');
const { Redis } = require('ioredis');
const { QdrantClient } = require('@qdrant/js-client-rest');

/** The servers and the names of worker `id`'s namespaces (BENCH_MANUAL_STACK, set by the benchmark). */
function workerTarget(id) {
  const stack = JSON.parse(process.env.BENCH_MANUAL_STACK);
  const pgUrl = new URL(stack.postgres);
  pgUrl.pathname = `/bench_w${id}`;
  const redisUrl = new URL(stack.redis);
  redisUrl.pathname = `/${id}`;
  return {
    stack,
    postgres: pgUrl.href,
    mongodb: `bench_w${id}`,
    redis: redisUrl.href,
    qdrant: `bench_w${id}_`,
  };
}

/** Points the app's configuration (read from the environment) at worker `id`'s namespaces. */
function useWorkerEnv(id) {
  const target = workerTarget(id);
  Object.assign(process.env, {
    DATABASE_URL: target.postgres,
    MONGODB_URI: target.stack.mongodb,
    MONGODB_DATABASE: target.mongodb,
    REDIS_URL: target.redis,
    QDRANT_URL: target.stack.qdrant,
    QDRANT_COLLECTION_PREFIX: target.qdrant,
  });
}

/** Connections for the cleanup, opened once per file. */
async function connect(id) {
  const target = workerTarget(id);
  const postgres = new pg.Client({ connectionString: target.postgres });
  await postgres.connect();
  const mongo = await new MongoClient(target.stack.mongodb).connect();
  const redis = new Redis(target.redis);
  const qdrant = new QdrantClient({ url: target.stack.qdrant, checkCompatibility: false });
  return { target, postgres, mongo, redis, qdrant };
}

/** Removes what the e2e files write: the tables' rows (ids restarted), documents, keys and points. */
async function removeData({ target, postgres, mongo, redis, qdrant }) {
  const db = mongo.db(target.mongodb);
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray()).filter(
    (c) => c.name !== 'event_types' && !c.name.startsWith('system.'),
  );
  const { collections: points } = await qdrant.getCollections();
  await Promise.all([
    postgres.query('TRUNCATE "OrderItem", "Order", "Product", "User" RESTART IDENTITY CASCADE'),
    ...collections.map((c) => db.collection(c.name).deleteMany({})),
    redis.flushdb(),
    ...points
      .filter((c) => c.name.startsWith(target.qdrant))
      .map((c) => qdrant.delete(c.name, { wait: true, filter: { must: [] } })),
  ]);
}

async function disconnect({ postgres, mongo, redis }) {
  await Promise.all([postgres.end(), mongo.close(), redis.quit()]);
}

module.exports = { useWorkerEnv, connect, removeData, disconnect };
