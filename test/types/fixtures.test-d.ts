import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { describe, expectTypeOf, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { useDatabases } from '../../src/public/jest.js';
import { databaseTest } from '../../src/public/vitest.js';
import type { WorkerNames } from '../../src/public/vitest.js';

describe('fixture types', () => {
  it('databaseTest gives the generated Prisma client type and the store clients', () => {
    const test = databaseTest({ prismaClient: PrismaClient });
    test('types', ({ prisma, mongo, redis, qdrant, db }) => {
      expectTypeOf(prisma).toEqualTypeOf<PrismaClient>();
      expectTypeOf(mongo).toEqualTypeOf<Connection>();
      expectTypeOf(redis).toEqualTypeOf<Redis>();
      expectTypeOf(qdrant).toEqualTypeOf<QdrantClient>();
      expectTypeOf(db.names).toEqualTypeOf<WorkerNames>();
      expectTypeOf(db.prisma).returns.resolves.toEqualTypeOf<PrismaClient>();
    });
  });

  it('a model the schema does not have is a compile error', () => {
    const test = databaseTest({ prismaClient: PrismaClient });
    test('types', async ({ prisma }) => {
      // @ts-expect-error -- the example schema has no `invoice` model
      await prisma.invoice.findMany();
    });
  });

  it('useDatabases (Jest) gives the same types', () => {
    const db = useDatabases({ prismaClient: PrismaClient });
    expectTypeOf(db.prisma).returns.resolves.toEqualTypeOf<PrismaClient>();
    expectTypeOf(db.redis).returns.resolves.toEqualTypeOf<Redis>();
  });
});
