import { beforeAll, describe, expect, test } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';

const db = useDatabases({ isolation: { mongodb: 'clean' } });

describe('Jest in CommonJS mode', () => {
  beforeAll(async () => {
    await (await db.redis()).set('file:seed', 'from beforeAll');
  });

  test('the migrated MongoDB template reached the worker (reference data included)', async () => {
    const mongo = await db.mongo();
    expect(mongo.db!.databaseName).toBe(db.names.mongodb);
    expect(await mongo.collection('event_types').countDocuments()).toBe(3);
    await mongo.collection('events').insertOne({ type: 'cjs', at: new Date() });
    await (await db.redis()).set('test:key', '1');
  });

  test('the next test sees the baseline, with the beforeAll data still there', async () => {
    const mongo = await db.mongo();
    expect(await mongo.collection('events').countDocuments()).toBe(0);
    const redis = await db.redis();
    expect(await redis.get('test:key')).toBeNull();
    expect(await redis.get('file:seed')).toBe('from beforeAll');
    expect(db.names.redis).toBe(Number(process.env.JEST_WORKER_ID));
  });
});
