import { describe, expect } from 'vitest';
import { test } from './db.js';

describe('PostgreSQL, fresh strategy: a new database from the template per test', () => {
  test.override({ isolation: { postgres: 'fresh' } });
  const seen: string[] = [];

  test('gets a pristine database of its own', async ({ prisma, db }) => {
    const [row] = await prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    seen.push(row!.db);
    expect(row!.db).toMatch(new RegExp(`^${db.names.postgres}_f\\d+$`));
    await prisma.user.create({ data: { email: 'fresh@example.com', name: 'Fresh' } });
    expect(await prisma.category.count()).toBe(3);
  });

  test('the next test gets another one', async ({ prisma }) => {
    const [row] = await prisma.$queryRaw<{ db: string }[]>`SELECT current_database() AS db`;
    expect(row!.db).not.toBe(seen[0]);
    expect(await prisma.user.count()).toBe(0);
  });
});
