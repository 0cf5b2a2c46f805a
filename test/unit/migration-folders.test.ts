import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { readMigrations, migrationsHash } from '../../src/migrations/migration-files.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dbc-migration-folders-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const refusal = async (store: 'postgres' | 'mongodb', folder: string) => {
  const error = await readMigrations(store, folder, `${store}.migrations`).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConfigValidationError);
  return error as ConfigValidationError;
};

describe('readMigrations', () => {
  it("reads Prisma's layout in name order, skipping folders without a migration.sql and loose files", async () => {
    for (const name of ['20250102000000_second', '20250101000000_init', 'notes'])
      await mkdir(join(dir, name));
    await writeFile(join(dir, '20250102000000_second', 'migration.sql'), 'ALTER TABLE t ADD c int;');
    await writeFile(join(dir, '20250101000000_init', 'migration.sql'), 'CREATE TABLE t (id int);');
    await writeFile(join(dir, 'migration_lock.toml'), 'provider = "postgresql"');
    const files = await readMigrations('postgres', dir, 'postgres.migrations');
    expect(files).toEqual([
      {
        name: '20250101000000_init',
        path: join(dir, '20250101000000_init', 'migration.sql'),
        content: 'CREATE TABLE t (id int);',
      },
      {
        name: '20250102000000_second',
        path: join(dir, '20250102000000_second', 'migration.sql'),
        content: 'ALTER TABLE t ADD c int;',
      },
    ]);
  });

  it('reads the .js files of a migrate-mongo folder only', async () => {
    await writeFile(join(dir, '20250101000000-indexes.js'), 'export async function up() {}');
    await writeFile(join(dir, 'README.md'), '# notes');
    await mkdir(join(dir, 'helpers.js')); // a folder, whatever its name
    const files = await readMigrations('mongodb', dir, 'mongodb.migrations');
    expect(files.map((f) => f.name)).toEqual(['20250101000000-indexes.js']);
  });

  it("refuses a PostgreSQL folder with no migration, showing Prisma's layout", async () => {
    await mkdir(join(dir, '20250101000000_empty'));
    const error = await refusal('postgres', dir);
    expect(error.issues).toEqual([
      expect.objectContaining({
        store: 'postgres',
        source: 'postgres.migrations',
        problem: `folder ${dir} holds no migration`,
        example: '<folder>/20250101000000_init/migration.sql',
      }),
    ]);
  });

  it('refuses a MongoDB folder with no migration, showing a migrate-mongo file', async () => {
    const error = await refusal('mongodb', dir);
    expect(error.issues[0]!.example).toBe('<folder>/20250101000000-indexes.js (migrate-mongo)');
  });

  it('refuses a folder that does not exist, or a file given as the folder', async () => {
    const missing = join(dir, 'missing');
    expect((await refusal('postgres', missing)).issues[0]!.problem).toBe(`folder ${missing} does not exist`);
    const file = join(dir, 'a-file');
    await writeFile(file, '');
    expect((await refusal('mongodb', file)).issues[0]!.problem).toBe(`folder ${file} does not exist`);
  });
});

describe('migrationsHash', () => {
  it('changes with a name, a content or a salt, and not with anything else', () => {
    const files = [{ name: 'a', path: '/x/a', content: 'one' }];
    const hash = migrationsHash(files, '150000');
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    expect(migrationsHash([{ ...files[0]!, path: '/elsewhere/a' }], '150000')).toBe(hash);
    expect(migrationsHash([{ ...files[0]!, content: 'two' }], '150000')).not.toBe(hash);
    expect(migrationsHash([{ ...files[0]!, name: 'b' }], '150000')).not.toBe(hash);
    expect(migrationsHash(files, '160000')).not.toBe(hash);
  });
});
