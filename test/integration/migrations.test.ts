// Template building against the integration stack's real servers: a template is built once and
// reused, replaced when a migration changes, and a failing migration leaves nothing behind and says
// where it failed (file, line and column, SQLSTATE; the migrate-mongo file).
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MigrationError } from 'database-config/internal';
import { LIBRARY_VERSION } from 'database-config/internal';
import { migrationsHash, type MigrationFile } from '../../src/migrations/migration-files.js';
import { TEMPLATE_MARKER, ensureMongoTemplate } from '../../src/migrations/mongodb-migrations.js';
import {
  applyMigrations,
  databaseUrl,
  dropDatabase,
  ensurePostgresTemplate,
  withAdminClient,
} from '../../src/migrations/postgres-migrations.js';

const { postgresUrl, mongodbUri } = inject('stack');
const setKey = `mig${randomUUID().slice(0, 8)}`;

const file = (name: string, content: string): MigrationFile => ({
  name,
  path: `/migrations/${name}/migration.sql`,
  content,
});

async function databases(prefix: string): Promise<string[]> {
  return withAdminClient(postgresUrl, async (admin) =>
    (await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [prefix])).rows.map(
      (r: { datname: string }) => r.datname,
    ),
  );
}

afterAll(async () => {
  await withAdminClient(postgresUrl, async (admin) => {
    for (const name of await databases(`dbc_tpl_${setKey}_`)) await dropDatabase(admin, name);
  });
});

describe('ensurePostgresTemplate', () => {
  const init = file(
    '20250101000000_init',
    `CREATE TABLE "Thing" (id SERIAL PRIMARY KEY, label TEXT NOT NULL);`,
  );

  it('builds a template once, reuses it, and replaces it when a migration changes', async () => {
    const first = await ensurePostgresTemplate(postgresUrl, [init], { setKey, migrate: 'sql' });
    expect(first).toMatchObject({ built: true, replaced: [] });
    expect(first.template.startsWith(`dbc_tpl_${setKey}_`)).toBe(true);
    expect(first.serverVersion).toBeGreaterThanOrEqual(150000);

    const again = await ensurePostgresTemplate(postgresUrl, [init], { setKey, migrate: 'sql' });
    expect(again).toEqual({ ...first, built: false, replaced: [] });

    const changed = [init, file('20250102000000_more', `ALTER TABLE "Thing" ADD COLUMN note TEXT;`)];
    const next = await ensurePostgresTemplate(postgresUrl, changed, { setKey, migrate: 'sql' });
    expect(next.built).toBe(true);
    expect(next.replaced).toEqual([first.template]);
    expect(await databases(`dbc_tpl_${setKey}_`)).toEqual([next.template]);

    // The template is migrated as prisma migrate deploy records it.
    const client = new pg.Client({ connectionString: databaseUrl(postgresUrl, next.template) });
    await client.connect();
    try {
      const rows = (
        await client.query(
          'SELECT migration_name, applied_steps_count FROM _prisma_migrations ORDER BY migration_name',
        )
      ).rows;
      expect(rows).toEqual([
        { migration_name: '20250101000000_init', applied_steps_count: 1 },
        { migration_name: '20250102000000_more', applied_steps_count: 1 },
      ]);
      const columns = (
        await client.query(
          "SELECT column_name FROM information_schema.columns WHERE table_name = 'Thing' ORDER BY ordinal_position",
        )
      ).rows.map((r: { column_name: string }) => r.column_name);
      expect(columns).toEqual(['id', 'label', 'note']);
    } finally {
      await client.end();
    }
  });

  it('a failing migration names the file, line, column and SQLSTATE, and keeps no database', async () => {
    const broken = file('20250103000000_broken', `CREATE TABLE "A" (id INT);\n\nCREATE TABLEE "B" (id INT);`);
    const error = await ensurePostgresTemplate(postgresUrl, [init, broken], {
      setKey: `${setKey}b`,
      migrate: 'sql',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationError);
    expect((error as MigrationError).migration).toBe('20250103000000_broken/migration.sql');
    expect((error as MigrationError).message).toBe(
      'Migration 20250103000000_broken/migration.sql failed on postgres: line 3, column 8: syntax error at or near "TABLEE" ' +
        '(SQLSTATE 42601). No template was kept; fix /migrations/20250103000000_broken/migration.sql and run again.',
    );
    expect(await databases(`dbc_tpl_${setKey}b_`)).toEqual([]);
  });

  it('an error with no position (raised while running) is reported without one', async () => {
    const failing = file('20250104000000_divide', 'SELECT 1 / 0;');
    const error = await ensurePostgresTemplate(postgresUrl, [failing], {
      setKey: `${setKey}c`,
      migrate: 'sql',
    }).catch((e: unknown) => e);
    expect((error as MigrationError).message).toBe(
      'Migration 20250104000000_divide/migration.sql failed on postgres: division by zero (SQLSTATE 22012). ' +
        'No template was kept; fix /migrations/20250104000000_divide/migration.sql and run again.',
    );
    expect(await databases(`dbc_tpl_${setKey}c_`)).toEqual([]);
  });

  it(
    "migrate: 'prisma' reports the prisma CLI's failure and points at the SQL runner",
    { timeout: 120_000 },
    async () => {
      // This machine has no Prisma schema engine: `prisma migrate deploy` cannot run.
      const error = await ensurePostgresTemplate(postgresUrl, [init], {
        setKey: `${setKey}p`,
        migrate: 'prisma',
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe('prisma migrate deploy');
      expect((error as MigrationError).message).toMatch(
        /^Migration prisma migrate deploy failed on postgres: exited with \d+: .+\. Where the Prisma engine cannot be downloaded, use \{ migrate: 'sql' \} \(the default\)\.$/s,
      );
      expect(await databases(`dbc_tpl_${setKey}p_`)).toEqual([]);
    },
  );

  it('applyMigrations skips what is applied already; dropDatabase refuses databases it did not create', async () => {
    const name = `dbc_${setKey}_apply`;
    await withAdminClient(postgresUrl, (admin) => admin.query(`CREATE DATABASE "${name}"`));
    try {
      const url = databaseUrl(postgresUrl, name);
      await applyMigrations(url, [init]);
      // Applied again: the CREATE TABLE would fail if it ran a second time.
      await applyMigrations(url, [init]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const count = (await client.query('SELECT count(*)::int AS n FROM _prisma_migrations')).rows[0].n;
      await client.end();
      expect(count).toBe(1);
    } finally {
      await withAdminClient(postgresUrl, (admin) => dropDatabase(admin, name));
    }
    await expect(withAdminClient(postgresUrl, (admin) => dropDatabase(admin, 'postgres'))).rejects.toThrow(
      'refusing to drop postgres: not created by database-config',
    );
  });
});

describe('ensureMongoTemplate', () => {
  let dir: string;
  let client: MongoClient;
  const templates: string[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dbc-mongo-migrations-'));
    await writeFile(join(dir, 'package.json'), '{ "type": "module" }');
    client = new MongoClient(mongodbUri, { serverSelectionTimeoutMS: 10_000 });
    await client.connect();
  });

  afterAll(async () => {
    for (const name of templates) await client.db(name).dropDatabase();
    await client.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('builds once and reuses the complete template', async () => {
    const name = '20250101000000-things.js';
    const content = `export async function up(db) { await db.collection('things_${setKey}').insertOne({ n: 1 }); }\nexport async function down() {}\n`;
    await writeFile(join(dir, name), content);
    const files = [{ name, path: join(dir, name), content }];
    const first = await ensureMongoTemplate(client, dir, files);
    templates.push(first.template);
    expect(first.built).toBe(true);
    expect(await client.db(first.template).collection(`things_${setKey}`).countDocuments()).toBe(1);
    expect(
      await client.db(first.template).collection(TEMPLATE_MARKER).countDocuments({ complete: true }),
    ).toBe(1);
    expect(await ensureMongoTemplate(client, dir, files)).toEqual({ template: first.template, built: false });
  });

  it('a failing migration names its file, and the half-built template is dropped', async () => {
    const failing = await mkdtemp(join(tmpdir(), 'dbc-mongo-failing-'));
    try {
      await writeFile(join(failing, 'package.json'), '{ "type": "module" }');
      const name = '20250102000000-broken.js';
      const content = `export async function up() { throw new Error('no such field ${setKey}'); }\nexport async function down() {}\n`;
      await writeFile(join(failing, name), content);
      const error = await ensureMongoTemplate(client, failing, [
        { name, path: join(failing, name), content },
      ]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MigrationError);
      expect((error as MigrationError).migration).toBe(name);
      expect((error as MigrationError).message).toMatch(
        new RegExp(
          `^Migration ${name} failed on mongodb: .*no such field ${setKey}.*\\. No template was kept; fix the migration and run again\\.$`,
        ),
      );
      const template = `dbc_tpl_${migrationsHash([{ name, path: join(failing, name), content }], LIBRARY_VERSION)}`;
      const { databases: list } = await client.db().admin().listDatabases();
      expect(list.map((d) => d.name)).not.toContain(template);
    } finally {
      await rm(failing, { recursive: true, force: true });
    }
  });
});
