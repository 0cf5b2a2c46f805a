import pg from 'pg';
import { describe, expect } from 'vitest';
import { test } from './db.js';

// Code that commits on connections of its own needs 'truncate': its writes are undone after the test.
describe('PostgreSQL, truncate strategy', () => {
  test.override({ isolation: { postgres: 'truncate' } });

  test('commits through a connection of its own', async ({ db }) => {
    const client = new pg.Client({ connectionString: await db.postgresUrl() });
    await client.connect();
    try {
      await client.query(`INSERT INTO "User" (email, name) VALUES ('committed@example.com', 'Committed')`);
      await client.query('DELETE FROM "Coupon"');
    } finally {
      await client.end();
    }
    expect(db.names.postgres).toMatch(/^dbc_w\d+_/);
  });

  test('...and the next test starts from the migrated state: rows gone, reference rows back, ids restart', async ({
    prisma,
  }) => {
    expect(await prisma.user.count()).toBe(0);
    expect((await prisma.coupon.findMany({ orderBy: { id: 'asc' } })).map((c) => c.code)).toEqual([
      'WELCOME10',
      'SPRING25',
    ]);
    const user = await prisma.user.create({ data: { email: 'first@example.com', name: 'First' } });
    expect(user.id).toBe(1);
  });

  test('sequences restart for every test, so ids are reproducible', async ({ prisma }) => {
    const user = await prisma.user.create({ data: { email: 'again@example.com', name: 'Again' } });
    expect(user.id).toBe(1);
    const category = await prisma.category.create({ data: { slug: 'garden', name: 'Garden' } });
    expect(category.id).toBe(4);
  });

  test('a test that writes nothing costs one round trip', async ({ prisma }) => {
    expect(await prisma.category.count()).toBe(3);
  });
});
