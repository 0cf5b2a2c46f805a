import { readFile } from 'node:fs/promises';
import { PrismaPg } from '@prisma/adapter-pg';
import { QdrantClient } from '@qdrant/js-client-rest';
import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { startDatabaseStack, type StartedDatabaseStack } from '../../src/containers/stack.js';
import type { StackInfo } from '../../src/containers/stack-info.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

// Foundation smoke test: the four stores start in parallel through testcontainers, and each
// official client does one real round trip.

describe('the four stores on real containers', () => {
  let stack: StartedDatabaseStack;
  let info: StackInfo;

  beforeAll(async () => {
    stack = await startDatabaseStack(
      defineDatabaseFixtures({ postgres: {}, mongodb: {}, redis: {}, qdrant: {} }),
    );
    info = stack.info;
    // The stack prints each store's start time; the total:
    process.stderr.write(`smoke: all four ready in ${info.timings['start.all_ms']} ms\n`);
  });

  afterAll(async () => {
    await stack?.stop();
  });

  it('PostgreSQL: Prisma 7 through @prisma/adapter-pg writes and reads a row', async () => {
    const adapter = new PrismaPg({ connectionString: info.postgres!.url });
    const prisma = new PrismaClient({ adapter });
    try {
      const sql = await readFile(
        new URL('../../prisma/migrations/20251125080000_init/migration.sql', import.meta.url),
        'utf8',
      );
      const client = new pg.Client({ connectionString: info.postgres!.url });
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
    const connection = await mongoose.createConnection(info.mongodb!.url, { dbName: 'smoke' }).asPromise();
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
    const client = new Redis(info.redis!.url);
    try {
      await client.set('smoke:key', 'value', 'EX', 60);
      expect(await client.get('smoke:key')).toBe('value');
    } finally {
      client.disconnect();
    }
  });

  it('Qdrant: @qdrant/js-client-rest upserts points and queries the nearest', async () => {
    const client = new QdrantClient({ url: info.qdrant!.url });
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
