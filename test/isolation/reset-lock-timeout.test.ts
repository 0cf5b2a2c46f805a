import pg from 'pg';
import { expect, inject } from 'vitest';
import { ResetLockTimeoutError } from 'database-config/internal';
import { WorkerDatabases } from '../../src/fixtures/worker-databases.js';
import { test } from './db.js';

// A truncate reset needs the tables it empties; a connection of the test's own left idle in a
// transaction holds them. The reset gives up after its lock timeout and names the holder instead
// of hanging the run.
test('a truncate reset blocked by a connection left idle in transaction fails naming it', async () => {
  const stack = inject('databaseStack');
  const worker = new WorkerDatabases(stack, 44, { postgres: 'truncate' });
  let holder: pg.Client | undefined;
  try {
    worker.beginFile();
    await worker.beginTest();
    const postgres = await worker.postgres();
    await postgres.pool.query(`INSERT INTO "Category" (slug, name) VALUES ('held', 'Held')`);
    holder = new pg.Client({ connectionString: postgres.url, application_name: 'my-report-job' });
    await holder.connect();
    await holder.query('BEGIN');
    await holder.query('SELECT count(*) FROM "Category"');
    const started = performance.now();
    const error = await worker.endTest('reads in a transaction it never ends').catch((e: unknown) => e);
    expect(performance.now() - started).toBeLessThan(20_000);
    expect(error).toBeInstanceOf(ResetLockTimeoutError);
    const reset = error as ResetLockTimeoutError;
    expect(reset.tables).toContain('public."Category"');
    expect(reset.holders.map((h) => h.applicationName)).toContain('my-report-job');
    expect(reset.message).toContain(`The 'truncate' reset of "reads in a transaction it never ends"`);
    expect(reset.message).toMatch(/my-report-job, idle in transaction: SELECT count\(\*\) FROM "Category"/);
    expect(reset.message).toContain('commit or roll back and close the connections your test opens');
  } finally {
    await holder?.query('ROLLBACK').catch(() => undefined);
    await holder?.end();
    await worker.close();
  }
}, 40_000);
