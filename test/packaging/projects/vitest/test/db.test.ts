import pg from 'pg';
import { expect } from 'vitest';
import { databaseTest } from 'database-config-testing/vitest';

const test = databaseTest();

test('vitest.config.ts was loaded in the module format of the project', () => {
  expect(process.env.CONFIG_MODULE_FORMAT).toBe(process.env.EXPECTED_CONFIG_FORMAT);
});

test('the worker database has the migrated rows; Redis is the worker database', async ({ db, redis }) => {
  const client = new pg.Client({ connectionString: await db.postgresUrl() });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM "Thing" ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(['reference-a', 'reference-b']);
  } finally {
    await client.end();
  }
  await redis.set('packaging:key', 'set by the first test');
  expect(await redis.get('packaging:key')).toBe('set by the first test');
  expect(redis.options.db).toBe(db.names.redis);
});

test('the next test starts from the baseline', async ({ redis }) => {
  expect(await redis.get('packaging:key')).toBeNull();
});
