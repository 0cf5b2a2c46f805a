import { MongoClient } from 'mongodb';
import { describe, expect, inject } from 'vitest';
import { IsolationLeakError } from 'database-config/internal';
import { WorkerDatabases } from '../../src/fixtures/worker-databases.js';
import { test } from './db.js';

// MongoDB `clean` puts back the template's collections, with their indexes: a collection a test
// creates is gone for the next test, and an index a test adds is removed.
describe('MongoDB clean: collections and indexes', () => {
  test('a test creates a collection and adds an index to a template collection', async ({ mongo }) => {
    await mongo.db!.collection('scratch_notes').insertOne({ note: 'made by a test' });
    await mongo.db!.collection('event_types').createIndex({ createdByTest: 1 });
    expect((await mongo.db!.listCollections({ name: 'scratch_notes' }).toArray()).length).toBe(1);
  });

  test('...the next test finds neither', async ({ mongo }) => {
    expect(await mongo.db!.listCollections({ name: 'scratch_notes' }).toArray()).toEqual([]);
    const indexes = (await mongo.db!.collection('event_types').indexes()).map((i) => i.name);
    expect(indexes).not.toContain('createdByTest_1');
    expect(await mongo.db!.collection('event_types').countDocuments()).toBeGreaterThan(0);
  });
});

describe('MongoDB drop keeps the file’s beforeAll data', () => {
  test.override({ isolation: { mongodb: 'drop' } });

  test.beforeAll(async ({ dbFile }) => {
    const mongo = await dbFile.mongo();
    await mongo.db!.collection('file_notes').insertMany([{ n: 1 }, { n: 2 }]);
  });

  test('a drop test sees the file data and writes more', async ({ mongo }) => {
    expect(await mongo.db!.collection('file_notes').countDocuments()).toBe(2);
    await mongo.db!.collection('file_notes').insertOne({ n: 3 });
  });

  test('...the next drop test has the file data back, and only it', async ({ mongo }) => {
    expect(await mongo.db!.collection('file_notes').countDocuments()).toBe(2);
  });
});

describe('the leak check names a collection the baseline does not have', () => {
  test('created through a client of the test’s own (no command events)', async () => {
    const stack = inject('databaseStack');
    const worker = new WorkerDatabases(stack, 43, { leakCheck: true });
    const own = await MongoClient.connect(stack.mongodb!.url, { serverSelectionTimeoutMS: 5000 });
    try {
      worker.beginFile();
      await worker.beginTest();
      const mongodb = await worker.mongodb();
      await own.db(mongodb.database).collection('escaped_collection').insertOne({ escaped: true });
      const error = await worker.endTest('escaping collection').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IsolationLeakError);
      expect((error as Error).message).toContain(
        'escaped_collection (a collection the baseline does not have)',
      );
    } finally {
      await own.close();
      await worker.close();
    }
  });
});
