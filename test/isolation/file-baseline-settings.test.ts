import { expect } from 'vitest';
import { test } from './db.js';

// What a file's beforeAll sets beyond plain data is its baseline too: a Redis key's expiry, and
// an index on a MongoDB template collection, which comes back after a test that dropped the
// collection (copied again from the template, then the file's index).
test.override({ isolation: { mongodb: 'clean' } });

test.beforeAll(async ({ dbFile }) => {
  const redis = await dbFile.redis();
  await redis.set('file:session', 'abc', 'PX', 600_000);
  await redis.set('file:plain', 'kept');
  const mongo = await dbFile.mongo();
  await mongo.db!.collection('event_types').createIndex({ retentionDays: 1 }, { name: 'file_retention' });
});

test('a test removes the keys and drops the template collection', async ({ redis, mongo }) => {
  expect(await redis.pttl('file:session')).toBeGreaterThan(0);
  await redis.del('file:session', 'file:plain');
  await mongo.db!.collection('event_types').drop();
});

test("...the next one has the keys back, the expiry kept, and the collection with the file's index", async ({
  redis,
  mongo,
}) => {
  expect(await redis.get('file:session')).toBe('abc');
  const ttl = await redis.pttl('file:session');
  expect(ttl).toBeGreaterThan(0);
  expect(ttl).toBeLessThanOrEqual(600_000);
  expect(await redis.pttl('file:plain')).toBe(-1);
  const events = mongo.db!.collection('event_types');
  expect(await events.countDocuments()).toBe(3);
  const names = (await events.indexes()).map((i) => i.name);
  expect(names).toContain('type_unique');
  expect(names).toContain('file_retention');
});
