import pg from 'pg';
import { describe, expect, inject } from 'vitest';
import {
  IsolationLeakError,
  SchemaMismatchError,
  StoreNotConfiguredError,
  WorkerLimitError,
} from 'database-config/internal';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { reportDir, WorkerDatabases } from '../../src/fixtures/worker-databases.js';
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

  test('keep on failure: a failed test’s data is committed into databases named after it, and printed', async () => {
    const stack = inject('databaseStack');
    const worker = new WorkerDatabases(stack, 42, { keepOnFailure: true });
    const printed: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (
      printed.push(String(chunk)),
      true
    )) as typeof process.stderr.write;
    let keptPg: string | undefined;
    let keptMongo: string | undefined;
    try {
      worker.beginFile();
      await worker.beginTest();
      const postgres = await worker.postgres();
      await postgres.pool.query(`INSERT INTO "User" (email, name) VALUES ('kept@example.com', 'Kept')`);
      const mongo = await worker.mongodb();
      await mongo.client.db(mongo.database).collection('events').insertOne({ type: 'kept' });
      await worker.endTest('orders > fails on purpose', true);
      const output = printed.join('');
      expect(output).toContain('kept the data of "orders > fails on purpose"');
      keptPg = /postgres: psql '[^']*\/(dbc_keep_orders_fails_on_purpose_\w+)'/.exec(output)?.[1];
      keptMongo = /mongodb: mongosh '[^']*\/(dbc_keep_orders_fails_on_purpose_\w+)\?/.exec(output)?.[1];
      expect(keptPg).toBeDefined();
      expect(keptMongo).toBeDefined();
      const client = new pg.Client({ connectionString: postgres.url.replace(postgres.database, keptPg!) });
      await client.connect();
      expect((await client.query('SELECT email FROM "User"')).rows).toEqual([{ email: 'kept@example.com' }]);
      expect((await client.query('SELECT count(*)::int AS n FROM "Category"')).rows[0].n).toBe(3);
      await client.end();
      expect(await mongo.client.db(keptMongo!).collection('events').countDocuments({ type: 'kept' })).toBe(1);
      // The worker itself was reset as usual.
      const query = postgres.pool.query.bind(postgres.pool) as unknown as (
        sql: string,
      ) => Promise<pg.QueryResult>;
      expect((await query('SELECT count(*)::int AS n FROM "User"')).rows[0].n).toBe(0);
    } finally {
      process.stderr.write = write;
      await worker.endFile();
      const mongo = await worker.mongodb();
      if (keptMongo) await mongo.client.db(keptMongo).dropDatabase();
      const postgres = await worker.postgres();
      if (keptPg) {
        const admin = new pg.Client({
          connectionString: postgres.url.replace(postgres.database, 'postgres'),
        });
        await admin.connect();
        await admin.query(`DROP DATABASE IF EXISTS "${keptPg}" WITH (FORCE)`);
        await admin.end();
      }
      for (const file of readdirSync(reportDir(stack.runId)).filter((f) => f.startsWith('kept-')))
        rmSync(join(reportDir(stack.runId), file));
      await worker.close();
    }
  });

  test('a Prisma client generated from another schema is refused once, naming what is missing', async () => {
    const stack = inject('databaseStack');
    const worker = new WorkerDatabases(stack, 43);
    class OtherSchemaClient {
      _runtimeDataModel = {
        models: {
          Ghost: { dbName: null, fields: [{ name: 'id', kind: 'scalar' }] },
          User: {
            dbName: null,
            fields: [
              { name: 'id', kind: 'scalar' },
              { name: 'nickname', kind: 'scalar' },
            ],
          },
        },
      };
      constructor(_options: unknown) {}
      async $disconnect() {}
    }
    try {
      const error = await worker.prismaClient(OtherSchemaClient).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SchemaMismatchError);
      expect((error as Error).message).toContain(
        'model Ghost: no table "Ghost"; User.nickname: no column "User"."nickname"',
      );
      expect((error as Error).message).toContain('run `prisma generate`');
    } finally {
      await worker.close();
    }
  });

  test('a worker id beyond the Redis databases is refused with what to change', () => {
    const running = inject('databaseStack');
    // A logical database per worker (the default with a container; a shared database has no limit).
    const stack = { ...running, redis: { ...running.redis!, namespace: 'database' as const } };
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
