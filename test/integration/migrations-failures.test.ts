import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LIBRARY_VERSION, MigrationError } from 'database-config/internal';
import { migrationsHash } from '../../src/migrations/migration-files.js';
import { ensureMongoTemplate } from '../../src/migrations/mongodb-migrations.js';
import {
  databaseUrl,
  dropDatabase,
  ensurePostgresTemplate,
  withAdminClient,
} from '../../src/migrations/postgres-migrations.js';

const { mongodbUri } = inject('stack');

describe('ensureMongoTemplate with a migration that cannot load', () => {
  let client: MongoClient;
  let dir: string;

  beforeAll(async () => {
    client = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
    dir = await mkdtemp(join(tmpdir(), 'dbc-mongo-unloadable-'));
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
  });
  afterAll(async () => {
    await client?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('names the file that does not parse, and keeps no template', async () => {
    const name = '20250103000000-unparsable.js';
    const content = 'export async function up(db) { this is not javascript }\n';
    await writeFile(join(dir, name), content);
    const files = [{ name, path: join(dir, name), content }];
    const error = await ensureMongoTemplate(client, dir, files).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).store).toBe('mongodb');
    expect((error as MigrationError).migration).toBe(name);
    expect((error as MigrationError).message).toMatch(
      /No template was kept; fix the migration and run again\.$/,
    );
    const template = `dbc_tpl_${migrationsHash(files, LIBRARY_VERSION)}`;
    const { databases } = await client.db().admin().listDatabases();
    expect(databases.map((d) => d.name)).not.toContain(template);
  });

  it("names the folder when the failure is not one migration's (the folder went away after it was read)", async () => {
    const gone = join(dir, 'removed');
    const name = '20250104000000-never-read.js';
    const content = 'export async function up() {}\n';
    const error = await ensureMongoTemplate(client, gone, [{ name, path: join(gone, name), content }]).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe(gone);
    expect((error as MigrationError).message).toContain(gone);
  });
});

describe('ensurePostgresTemplate while another process holds the builders lock', () => {
  const { postgresUrl } = inject('stack');
  const setKey = `lock${randomUUID().slice(0, 8)}`;
  const files = [
    {
      name: '20250101000000_init',
      path: '/m/20250101000000_init/migration.sql',
      content: 'CREATE TABLE t (id int);',
    },
  ];
  // The lock the builders take (pg_advisory_lock), held here as another builder would.
  const LOCK_KEY = 0x64626374;
  let holder: pg.Client;

  beforeAll(async () => {
    // Advisory locks are per database: the builders take theirs in the postgres database.
    holder = new pg.Client({ connectionString: databaseUrl(postgresUrl, 'postgres') });
    await holder.connect();
  });
  afterAll(async () => {
    await holder?.end();
    await withAdminClient(postgresUrl, async (admin) => {
      const { rows } = await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
        `dbc_tpl_${setKey}_`,
      ]);
      for (const { datname } of rows as { datname: string }[]) await dropDatabase(admin, datname);
    });
  });

  /** The session of this process waiting for the lock, once it waits. */
  async function waiter(): Promise<number> {
    const deadline = performance.now() + 10_000;
    for (;;) {
      const { rows } = await holder.query(
        "SELECT pid FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'SELECT pg_advisory_lock%'",
      );
      if (rows.length === 1) return (rows[0] as { pid: number }).pid;
      if (performance.now() > deadline)
        throw new Error('no session waiting for the builders lock within 10 s');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('waits for it, then builds', async () => {
    await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    let settled = false;
    const building = ensurePostgresTemplate(postgresUrl, files, { setKey, migrate: 'sql' }).finally(() => {
      settled = true;
    });
    try {
      await waiter();
      expect(settled).toBe(false);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
    expect(await building).toMatchObject({ built: true, replaced: [] });
  });

  it("fails with the server's error when the wait is cancelled (not as a lock timeout), and builds nothing", async () => {
    await holder.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    try {
      const failing = ensurePostgresTemplate(
        postgresUrl,
        [{ ...files[0]!, content: 'CREATE TABLE u (id int);' }],
        {
          setKey,
          migrate: 'sql',
        },
      ).catch((e: unknown) => e);
      await holder.query('SELECT pg_cancel_backend($1)', [await waiter()]);
      const error = await failing;
      expect(error).not.toBeInstanceOf(MigrationError);
      expect(error).toMatchObject({ code: '57014', message: expect.stringMatching(/canceling statement/) });
      // Nothing was built: only the first test's template is there, no half-built one.
      const { rows } = await holder.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [
        `dbc_tpl_${setKey}_`,
      ]);
      expect(rows).toHaveLength(1);
      expect((rows[0] as { datname: string }).datname.endsWith('_build')).toBe(false);
    } finally {
      await holder.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
    }
  });
});
