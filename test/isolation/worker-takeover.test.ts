import { describe, expect, inject } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { claimClean, reportDir } from '../../src/containers/run-folder.js';
import { WorkerDatabases } from '../../src/fixtures/worker-databases.js';
import { test } from './db.js';

// Under Jest and Vitest's default isolate: true, each test file is a new worker process with the
// same worker id; it takes over the namespaces the previous one left clean. Driven on the core
// directly, with worker ids of its own.
async function databaseOid(worker: WorkerDatabases): Promise<number> {
  const postgres = await worker.postgres();
  const { rows } = await postgres.workerPool.query(
    'SELECT oid::int AS oid FROM pg_database WHERE datname = current_database()',
  );
  return (rows[0] as { oid: number }).oid;
}

/** A test of a file that writes to every store. */
async function testWritingEverything(worker: WorkerDatabases) {
  worker.beginFile();
  await worker.beginTest();
  const postgres = await worker.postgres();
  await postgres.pool.query(`INSERT INTO "User" (email, name) VALUES ('file@example.com', 'File')`);
  const mongo = await worker.mongodb();
  await mongo.client.db(mongo.database).collection('events').insertOne({ type: 'file' });
  const qdrant = await worker.qdrant();
  await qdrant.client.upsert(`${worker.names.qdrant}products`, {
    wait: true,
    points: [{ id: 1, vector: [1, 0, 0, 0, 0, 0, 0, 0] }],
  });
}

async function expectBaseline(worker: WorkerDatabases) {
  const postgres = await worker.postgres();
  const count = async (table: string) =>
    ((await postgres.workerPool.query(`SELECT count(*)::int AS n FROM "${table}"`)).rows[0] as { n: number })
      .n;
  expect(await count('User')).toBe(0);
  expect(await count('Category')).toBe(3);
  const mongo = await worker.mongodb();
  expect(await mongo.client.db(mongo.database).collection('events').countDocuments()).toBe(0);
  expect(await mongo.client.db(mongo.database).collection('event_types').countDocuments()).toBe(3);
  const qdrant = await worker.qdrant();
  expect((await qdrant.client.count(`${worker.names.qdrant}products`)).count).toBe(0);
}

describe('namespaces taken over by the next process of a worker id', () => {
  test('a clean end leaves them for the next process, which finds the migrated state', async () => {
    const stack = inject('databaseStack');
    const first = new WorkerDatabases(stack, 46, { leakCheck: true });
    await testWritingEverything(first);
    await first.endTest('writes everything');
    const oid = await databaseOid(first);
    await first.close({ keepNamespaces: true });
    // PostgreSQL's mark hands the tracked tables over: the next process asks the server nothing to take it over.
    const mark = JSON.parse(readFileSync(join(reportDir(stack.runId), 'clean-w46-postgres'), 'utf8')) as {
      pid: number;
      handover: { name: string }[];
    };
    expect(mark.pid).toBe(process.pid);
    expect(mark.handover.map((table) => table.name)).toEqual(
      expect.arrayContaining(['public."User"', 'public."Category"']),
    );

    const next = new WorkerDatabases(stack, 46, { leakCheck: true });
    try {
      next.beginFile();
      await next.beginTest();
      expect(await databaseOid(next)).toBe(oid); // the same database, not a new clone
      await expectBaseline(next);
      await next.endTest('finds the baseline');
      // The handed-over tracking resets what the next process's tests write, seed rows included.
      await next.beginTest({ postgres: 'truncate' });
      const postgres = await next.postgres();
      await postgres.pool.query(`INSERT INTO "User" (email, name) VALUES ('next@example.com', 'Next')`);
      await postgres.pool.query(`DELETE FROM "Category"`);
      await next.endTest('writes after the take-over');
      await expectBaseline(next);
      await next.endFile();
    } finally {
      await next.close();
    }
    expect(claimClean(stack.runId, 46, 'postgres')).toBeUndefined(); // close() removed them: nothing to take over
  });

  test('a process that died mid-file leaves nothing to take over: the next one creates them again', async () => {
    const stack = inject('databaseStack');
    const crashed = new WorkerDatabases(stack, 47, { leakCheck: true });
    await testWritingEverything(crashed);
    const oid = await databaseOid(crashed);
    // No close(): the process is gone. Its connections are dropped with the database below.

    const next = new WorkerDatabases(stack, 47, { leakCheck: true });
    try {
      next.beginFile();
      await next.beginTest();
      expect(await databaseOid(next)).not.toBe(oid);
      await expectBaseline(next);
      await next.endTest('finds the baseline');
      await next.endFile();
    } finally {
      await next.close();
      await crashed.close().catch(() => undefined);
    }
  });
});
