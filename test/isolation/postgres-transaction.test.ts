import { describe, expect } from 'vitest';
import { test } from './db.js';

// Tests of one file run in order: each checks that the previous one left nothing behind.
describe('PostgreSQL, transaction strategy (the default)', () => {
  test.beforeAll(async ({ dbFile }) => {
    const prisma = await dbFile.prisma();
    await prisma.user.create({ data: { email: 'file-user@example.com', name: 'File user' } });
  });

  test('every test starts from the migrated state plus the file data', async ({ prisma }) => {
    expect((await prisma.category.findMany()).map((c) => c.slug).sort()).toEqual([
      'books',
      'electronics',
      'home-kitchen',
    ]);
    expect(await prisma.coupon.count()).toBe(2);
    expect((await prisma.user.findMany()).map((u) => u.email)).toEqual(['file-user@example.com']);
  });

  test('writes, deletes reference rows and file data', async ({ prisma }) => {
    await prisma.user.create({ data: { email: 'a@example.com', name: 'A' } });
    await prisma.user.deleteMany({ where: { email: 'file-user@example.com' } });
    await prisma.coupon.deleteMany();
    expect(await prisma.user.count()).toBe(1);
  });

  test('...and the next test sees none of it', async ({ prisma }) => {
    expect((await prisma.user.findMany()).map((u) => u.email)).toEqual(['file-user@example.com']);
    expect(await prisma.coupon.count()).toBe(2);
  });

  test('nested $transaction: the inner one that throws is rolled back, the outer one keeps its writes', async ({
    prisma,
  }) => {
    await prisma.$transaction(async (tx) => {
      await tx.user.create({ data: { email: 'outer@example.com', name: 'Outer' } });
      await expect(
        tx.$transaction(async (inner) => {
          await inner.user.create({ data: { email: 'inner@example.com', name: 'Inner' } });
          throw new Error('inner fails');
        }),
      ).rejects.toThrow('inner fails');
    });
    const emails = (await prisma.user.findMany({ orderBy: { id: 'asc' } })).map((u) => u.email);
    expect(emails).toEqual(['file-user@example.com', 'outer@example.com']);
  });

  test('a caught unique violation does not poison the rest of the test', async ({ prisma }) => {
    await prisma.user.create({ data: { email: 'dup@example.com', name: 'First' } });
    const error = await prisma.user
      .create({ data: { email: 'dup@example.com', name: 'Second' } })
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('P2002');
    await prisma.user.create({ data: { email: 'after@example.com', name: 'After' } });
    expect(await prisma.user.count()).toBe(3);
  });

  test('a $transaction that fails is rolled back as in production', async ({ prisma }) => {
    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.create({ data: { email: 'tx@example.com', name: 'Tx' } });
        await tx.user.create({ data: { email: 'tx@example.com', name: 'Tx again' } });
      }),
    ).rejects.toMatchObject({ code: 'P2002' });
    expect(await prisma.user.count({ where: { email: 'tx@example.com' } })).toBe(0);
  });

  test('an interactive transaction past its timeout fails as in production, and the test goes on', async ({
    prisma,
  }) => {
    await expect(
      prisma.$transaction(
        async (tx) => {
          await tx.user.create({ data: { email: 'slow@example.com', name: 'Slow' } });
          await new Promise((resolve) => setTimeout(resolve, 300));
          await tx.user.count();
        },
        { timeout: 100 },
      ),
    ).rejects.toThrow(/Transaction/i);
    expect(await prisma.user.count({ where: { email: 'slow@example.com' } })).toBe(0);
  });

  test('a test that writes nothing', async ({ prisma }) => {
    expect(await prisma.user.count()).toBe(1);
  });

  test('the worker has a database of its own', async ({ prisma, db }) => {
    const [row] = await prisma.$queryRaw<{ current_database: string }[]>`SELECT current_database()`;
    expect(row?.current_database).toBe(db.names.postgres);
    expect(row?.current_database).toMatch(new RegExp(`^dbc_w${process.env.VITEST_POOL_ID}_`));
  });
});
