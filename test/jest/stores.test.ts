import { describe, expect, test } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';
import { eventModel } from '../../examples/catalog/src/models.js';

const db = useDatabases({
  mongooseModels: (connection) => void eventModel(connection),
  isolation: { mongodb: 'clean' },
});

describe('Jest: MongoDB, Redis and Qdrant', () => {
  test('writes to every store', async () => {
    const mongo = await db.mongo();
    await mongo.model('Event').create({ type: 'jest', at: new Date(), payload: {} });
    await (await db.redis()).set('jest:key', '1');
    const qdrant = await db.qdrant();
    await qdrant.upsert(`${db.names.qdrant}products`, {
      wait: true,
      points: [{ id: 7, vector: [0, 1, 0, 0, 0, 0, 0, 0] }],
    });
  });

  test('...and the next test finds every store at its baseline', async () => {
    const mongo = await db.mongo();
    expect(await mongo.model('Event').countDocuments()).toBe(0);
    expect(await mongo.collection('event_types').countDocuments()).toBe(3);
    expect(await (await db.redis()).dbsize()).toBe(0);
    expect((await (await db.qdrant()).count(`${db.names.qdrant}products`)).count).toBe(0);
  });

  test('Redis uses the worker’s logical database', async () => {
    expect(db.names.redis).toBe(Number(process.env.JEST_WORKER_ID));
  });
});
