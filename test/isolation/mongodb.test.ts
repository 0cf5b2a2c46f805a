import { describe, expect } from 'vitest';
import { test } from './db.js';

describe('MongoDB', () => {
  test.beforeAll(async ({ dbFile }) => {
    const mongo = await dbFile.mongo();
    await mongo.model('Review').create({ productId: 1, userId: 1, stars: 5, body: 'kept for the file' });
  });

  test('sees the migrations reference data, the file data, and its own writes', async ({ mongo }) => {
    expect(await mongo.collection('event_types').countDocuments()).toBe(3);
    expect(await mongo.model('Review').countDocuments()).toBe(1);
    await mongo.model('Review').create({ productId: 2, userId: 1, stars: 4, body: 'test' });
    await mongo.collection('event_types').deleteMany({});
    await mongo.collection('scratch').insertOne({ a: 1 });
  });

  test('...and the next test sees only the baseline; indexes survived', async ({ mongo }) => {
    expect(await mongo.collection('event_types').countDocuments()).toBe(3);
    expect(await mongo.model('Review').countDocuments()).toBe(1);
    expect(await mongo.collection('scratch').countDocuments()).toBe(0);
    const error = await mongo
      .model('Review')
      .create({ productId: 1, userId: 1, stars: 1, body: 'duplicate' })
      .catch((e: unknown) => e);
    expect((error as { code?: number }).code).toBe(11000);
  });

  test('the worker has a database of its own', async ({ mongo, db }) => {
    expect(mongo.db!.databaseName).toBe(db.names.mongodb);
  });
});

describe('MongoDB, drop strategy', () => {
  test.override({ isolation: { mongodb: 'drop' } });

  test('drops a collection', async ({ mongo }) => {
    await mongo.collection('reviews').drop();
  });

  test('...and the next test has it back with its indexes', async ({ mongo }) => {
    const indexes = await mongo.collection('reviews').listIndexes().toArray();
    expect(indexes.find((i) => i.unique)?.key).toEqual({ productId: 1, userId: 1 });
  });
});
