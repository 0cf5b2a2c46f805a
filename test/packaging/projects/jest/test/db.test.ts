// A Jest test of a CommonJS project (run with ts-jest and with @swc/jest): every entry point of both
// packages, and the production modules against the stores the preset started.
import { expect, test } from '@jest/globals';
import { DatabaseManager, createRedisClient, loadDatabaseConfig } from 'database-config';
import { defineDatabaseFixtures } from 'database-config-testing';
import { useDatabases } from 'database-config-testing/jest';
import { redisFactory } from 'database-config-testing/factories';
import { resolveImage } from 'database-config-testing/containers';
import { Client } from 'pg';

const db = useDatabases();
const notes = redisFactory(({ sequence }) => ({ key: `note:${sequence}`, value: `note ${sequence}` }));

test('the production config reads the worker namespaces the preset set', async () => {
  expect(defineDatabaseFixtures({ redis: {} }).redis).toHaveProperty('databases');
  expect(resolveImage('postgres')).toBe(process.env.DBC_POSTGRES_IMAGE ?? 'postgres:17-alpine');

  // The worker's database is created on first use (here); the config then points at it.
  const url = await db.postgresUrl();
  const config = loadDatabaseConfig({}, { stores: ['postgres', 'redis'] });
  expect(config.postgres!.url).toBe(url);
  expect(new URL(url).pathname).toBe(`/${db.names.postgres}`);
  const client = new Client({ connectionString: config.postgres!.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>('SELECT name FROM "Thing" ORDER BY name');
    expect(rows.map((row) => row.name)).toEqual(['reference-a', 'reference-b']);
  } finally {
    await client.end();
  }

  const redis = await createRedisClient(config.redis!);
  try {
    await redis.set('written:by', 'production code');
    expect(await (await db.redis()).get('written:by')).toBe('production code');
  } finally {
    redis.disconnect();
  }
});

test('DatabaseManager connects and reports healthy; a factory writes through the test client', async () => {
  const manager = await DatabaseManager.connect({ config: loadDatabaseConfig({}, { stores: ['redis'] }) });
  try {
    expect((await manager.health()).status).toBe('up');
    // The previous test's key was reset.
    expect(await manager.redis.get('written:by')).toBeNull();
  } finally {
    await manager.close();
  }
  const note = await notes.create();
  expect(await (await db.redis()).get(note.key)).toBe(note.value);
});
