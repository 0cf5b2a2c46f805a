import { describe, expect, test, beforeAll } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';
import { PrismaClient } from '../../prisma/generated/client.js';

const db = useDatabases({ prismaClient: PrismaClient });

describe('Jest: PostgreSQL, transaction strategy', () => {
  beforeAll(async () => {
    const prisma = await db.prisma();
    await prisma.user.create({ data: { email: 'jest-file@example.com', name: 'File' } });
  });

  test('sees the migrated reference rows and the file data, and writes', async () => {
    const prisma = await db.prisma();
    expect(await prisma.category.count()).toBe(3);
    expect(await prisma.user.count()).toBe(1);
    await prisma.user.create({ data: { email: 'jest@example.com', name: 'Jest' } });
    const error = await prisma.user
      .create({ data: { email: 'jest@example.com', name: 'Again' } })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('P2002');
    await prisma.coupon.deleteMany();
  });

  test('...and the next test sees only the baseline', async () => {
    const prisma = await db.prisma();
    expect((await prisma.user.findMany()).map((u) => u.email)).toEqual(['jest-file@example.com']);
    expect(await prisma.coupon.count()).toBe(2);
  });

  test('nested $transaction rolls back the inner failure only', async () => {
    const prisma = await db.prisma();
    await prisma.$transaction(async (tx) => {
      await tx.user.create({ data: { email: 'outer@example.com', name: 'Outer' } });
      await tx
        .$transaction(async (inner) => {
          await inner.user.create({ data: { email: 'inner@example.com', name: 'Inner' } });
          throw new Error('inner');
        })
        .catch(() => undefined);
    });
    expect(await prisma.user.count()).toBe(2);
  });

  test('the worker database is its own', async () => {
    const prisma = await db.prisma();
    const [row] = await prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    expect(row?.db).toBe(db.names.postgres);
    expect(row?.db).toMatch(new RegExp(`^dbc_w${process.env.JEST_WORKER_ID}_`));
  });
});
