import { describe, expect, test } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { reviews, users } from '../../examples/catalog/factories/index.js';
import { eventModel, reviewModel } from '../../examples/catalog/src/models.js';

// The factories find the running test's clients through the preset's scope, across module graphs
// (the preset's CommonJS setup file, this ESM test, the factories' sources).
const db = useDatabases({
  prismaClient: PrismaClient,
  mongooseModels: (connection) => {
    reviewModel(connection);
    eventModel(connection);
  },
});

describe('Jest: factories', () => {
  test('create() persists through the test’s clients, parents first', async () => {
    const review = await reviews.create();
    const prisma = await db.prisma();
    const user = await prisma.user.findFirstOrThrow();
    expect(review.userId).toBe(user.id);
    expect(await prisma.product.count()).toBe(1);
    expect(await (await db.mongo()).model('Review').countDocuments({ userId: user.id })).toBe(1);
  });

  test('...and the next test starts from the baseline, its sequences restarted', async () => {
    const prisma = await db.prisma();
    expect(await prisma.user.count()).toBe(0);
    expect(await (await db.mongo()).model('Review').countDocuments()).toBe(0);
    expect((await users.create()).email).toBe('user1@example.com');
  });
});
