import pg from 'pg';
import { describe, expect, inject } from 'vitest';
import { IsolationLeakError, StoreNotConfiguredError, WorkerLimitError } from '../../src/errors.js';
import { WorkerDatabases } from '../../src/fixtures/worker-databases.js';
import { test } from './db.js';

// These drive the runner-agnostic core directly, as a second worker would, to see it fail.
describe('leak check and limits', () => {
  test('a write that escapes the transaction strategy is named by the leak check, and cleaned at the end of the file', async () => {
    const stack = inject('databaseStack');
    const worker = new WorkerDatabases(stack, 40, { leakCheck: true });
    try {
      worker.beginFile();
      await worker.beginTest();
      const postgres = await worker.postgres();
      const escape = new pg.Client({ connectionString: postgres.url });
      await escape.connect();
      await escape.query(`INSERT INTO "User" (email, name) VALUES ('escaped@example.com', 'Escaped')`);
      await escape.end();
      const error = await worker.endTest('escaping test').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(IsolationLeakError);
      expect((error as Error).message).toContain('"escaping test" left data behind');
      expect((error as Error).message).toContain('postgres: public."User"');
      expect((error as Error).message).toContain("use the 'truncate' strategy");
      await worker.endFile();
      const check = new pg.Client({ connectionString: postgres.url });
      await check.connect();
      expect((await check.query('SELECT count(*)::int AS n FROM "User"')).rows[0].n).toBe(0);
      await check.end();
    } finally {
      await worker.close();
    }
  });

  test('a worker id beyond the Redis databases is refused with what to change', () => {
    const stack = inject('databaseStack');
    expect(() => new WorkerDatabases(stack, 64)).toThrow(WorkerLimitError);
    expect(() => new WorkerDatabases(stack, 64)).toThrow(/lower maxWorkers, or raise redis\.databases/);
  });

  test('a fixture of a store the config does not have names the store and the config key', async () => {
    const stack = { ...inject('databaseStack'), qdrant: undefined };
    const worker = new WorkerDatabases(stack, 41);
    try {
      expect(() => worker.qdrant()).toThrow(StoreNotConfiguredError);
      expect(() => worker.qdrant()).toThrow(/add `qdrant: \{\}` to databaseFixtures/);
    } finally {
      await worker.close();
    }
  });
});
