import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { LIBRARY_VERSION, MigrationError } from 'database-config/internal';
import { migrationsHash } from '../../src/migrations/migration-files.js';
import { ensureMongoTemplate } from '../../src/migrations/mongodb-migrations.js';

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
