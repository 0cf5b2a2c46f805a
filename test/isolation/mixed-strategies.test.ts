import pg from 'pg';
import { describe, expect } from 'vitest';
import type { PrismaClient } from '../../prisma/generated/client.js';
import { test } from './db.js';

// One file, every PostgreSQL strategy, in the order that used to hang (transaction tests, then a
// truncate describe), with a beforeAll under a file-level override: every test sees the file's
// rows, and every test's ids continue from the same baseline, whatever ran before it.

/** Which of the library's connections ran the statement: the strategy, seen from the server. */
async function connectionOf(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRaw<{ app: string }[]>`SELECT current_setting('application_name') AS app`;
  return rows[0]!.app;
}

/** Writes every kind a reset must undo: a row, a failing INSERT and a rolled-back transaction (both consume ids). */
async function writeEveryKind(prisma: PrismaClient): Promise<number> {
  const created = await prisma.category.create({ data: { slug: 'in-test', name: 'In test' } });
  await expect(prisma.category.create({ data: { slug: 'file-data', name: 'Duplicate' } })).rejects.toThrow();
  await expect(
    prisma.$transaction(async (tx) => {
      await tx.category.create({ data: { slug: 'undone', name: 'Undone' } });
      throw new Error('undo');
    }),
  ).rejects.toThrow('undo');
  return created.id;
}

test.override({ isolation: { postgres: 'truncate' } });

test.beforeAll(async ({ dbFile }) => {
  const prisma = await dbFile.prisma();
  // The migrations leave 3 categories: this is the 4th.
  await prisma.category.create({ data: { slug: 'file-data', name: 'File data' } });
});

test('a truncate test sees the beforeAll rows', async ({ prisma }) => {
  expect(await connectionOf(prisma)).toBe('database-config:worker');
  expect(await prisma.category.count()).toBe(4);
  expect(await writeEveryKind(prisma)).toBe(5);
});

describe('then transaction tests', () => {
  test.override({ isolation: { postgres: 'transaction' } });

  test('see the file data, and ids continue from the file baseline', async ({ prisma }) => {
    expect(await connectionOf(prisma)).toBe('database-config:file-transaction');
    expect(await prisma.category.count()).toBe(4);
    expect(await writeEveryKind(prisma)).toBe(5);
  });

  test('...and the next one starts from the same baseline', async ({ prisma }) => {
    expect(await prisma.category.count()).toBe(4);
    expect(await writeEveryKind(prisma)).toBe(5);
  });
});

describe('then truncate again, right after transaction tests', () => {
  test.override({ isolation: { postgres: 'truncate' } });

  test('does not wait on the file’s own connection, and starts from the baseline', async ({ prisma }) => {
    expect(await connectionOf(prisma)).toBe('database-config:worker');
    expect(await prisma.category.count()).toBe(4);
    expect(await writeEveryKind(prisma)).toBe(5);
  });
});

describe('then fresh', () => {
  test.override({ isolation: { postgres: 'fresh' } });

  test('a fresh database has the file’s rows and sequences too', async ({ prisma }) => {
    expect(await connectionOf(prisma)).toBe('database-config:fresh');
    expect(await prisma.category.count()).toBe(4);
    expect(await writeEveryKind(prisma)).toBe(5);
  });
});

test('seen from a connection of its own, the worker database is at the file baseline between tests', async ({
  db,
}) => {
  const client = new pg.Client({ connectionString: await db.postgresUrl() });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT last_value::int AS n FROM "Category_id_seq"');
    expect(rows[0].n).toBe(4);
    expect((await client.query('SELECT count(*)::int AS n FROM "Category"')).rows[0].n).toBe(4);
  } finally {
    await client.end();
  }
});
