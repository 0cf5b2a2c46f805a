import { readFile } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { QdrantClient } from '@qdrant/js-client-rest';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import pg from 'pg';
import type { StartedTestContainer } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { mongodbContainer } from '../../src/containers/mongodb/mongodb-container.js';
import { postgresContainer } from '../../src/containers/postgres/postgres-container.js';
import { qdrantContainer } from '../../src/containers/qdrant/qdrant-container.js';
import { redisContainer } from '../../src/containers/redis/redis-container.js';
import { resolveImage } from '../../src/containers/images.js';
import type { StartedPostgreSqlContainer } from '@testcontainers/postgresql';
import type { StartedRedisContainer } from '@testcontainers/redis';

// Foundation smoke test: the four stores start in parallel through testcontainers, and each
// official client does one real round trip.

async function timed<T>(store: string, start: () => Promise<T>): Promise<T> {
  const began = performance.now();
  const started = await start();
  process.stderr.write(
    `smoke: ${store} (${resolveImage(store as never)}) ready in ${Math.round(performance.now() - began)} ms\n`,
  );
  return started;
}

const endpoint = (c: StartedTestContainer, port: number) => `${c.getHost()}:${c.getMappedPort(port)}`;

describe('the four stores on real containers', () => {
  let postgres: StartedPostgreSqlContainer;
  let redis: StartedRedisContainer;
  let mongodb: StartedTestContainer;
  let qdrant: StartedTestContainer;

  beforeAll(async () => {
    const began = performance.now();
    const results = await Promise.allSettled([
      timed('postgres', () => postgresContainer().start()),
      timed('redis', () => redisContainer().start()),
      timed('mongodb', () => mongodbContainer().start()),
      timed('qdrant', () => qdrantContainer().start()),
    ]);
    process.stderr.write(`smoke: all four ready in ${Math.round(performance.now() - began)} ms\n`);
    const [pg, rd, mg, qd] = results.map((r) => (r.status === 'fulfilled' ? r.value : undefined));
    postgres = pg as StartedPostgreSqlContainer;
    redis = rd as StartedRedisContainer;
    mongodb = mg as StartedTestContainer;
    qdrant = qd as StartedTestContainer;
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed.length > 0)
      throw new AggregateError(
        failed.map((f) => f.reason),
        'a store failed to start',
      );
  });

  afterAll(async () => {
    await Promise.all([postgres, redis, mongodb, qdrant].map((c) => c?.stop()));
  });

  it('PostgreSQL: Prisma 7 through @prisma/adapter-pg writes and reads a row', async () => {
    const adapter = new PrismaPg({ connectionString: postgres.getConnectionUri() });
    const prisma = new PrismaClient({ adapter });
    try {
      const sql = await readFile(
        new URL('../../prisma/migrations/20251125080000_init/migration.sql', import.meta.url),
        'utf8',
      );
      const client = new pg.Client({ connectionString: postgres.getConnectionUri() });
      await client.connect();
      await client.query(sql).finally(() => client.end());
      const created = await prisma.user.create({ data: { email: 'ada@example.com', name: 'Ada' } });
      const found = await prisma.user.findUnique({ where: { email: 'ada@example.com' } });
      expect(found).toEqual(created);
    } finally {
      await prisma.$disconnect();
    }
  });

  it('MongoDB protocol: mongoose writes and reads a document', async () => {
    const connection = await mongoose
      .createConnection(`mongodb://${endpoint(mongodb, 27017)}/?directConnection=true`, { dbName: 'smoke' })
      .asPromise();
    try {
      const Review = connection.model('Review', new mongoose.Schema({ productId: Number, stars: Number }));
      await Review.create({ productId: 7, stars: 5 });
      const found = await Review.findOne({ productId: 7 }).lean();
      expect(found?.stars).toBe(5);
    } finally {
      await connection.close();
    }
  });

  it('Redis: ioredis SET then GET', async () => {
    const client = new Redis(redis.getConnectionUrl());
    try {
      await client.set('smoke:key', 'value', 'EX', 60);
      expect(await client.get('smoke:key')).toBe('value');
    } finally {
      client.disconnect();
    }
  });

  it('Qdrant: @qdrant/js-client-rest upserts points and queries the nearest', async () => {
    const client = new QdrantClient({ url: `http://${endpoint(qdrant, 6333)}` });
    await client.createCollection('smoke', { vectors: { size: 3, distance: 'Cosine' } });
    await client.upsert('smoke', {
      wait: true,
      points: [
        { id: 1, vector: [1, 0, 0], payload: { name: 'x' } },
        { id: 2, vector: [0, 1, 0], payload: { name: 'y' } },
      ],
    });
    const { points } = await client.query('smoke', { query: [0.1, 0.9, 0], limit: 1, with_payload: true });
    expect(points.map((p) => [p.id, p.payload?.name])).toEqual([[2, 'y']]);
  });
});
