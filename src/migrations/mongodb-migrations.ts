import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import debug from 'debug';
import type { Db, MongoClient } from 'mongodb';
import { MigrationError } from 'database-config/internal';
import { LIBRARY_VERSION } from 'database-config/internal';
import { migrationsHash, type MigrationFile } from './migration-files.js';
import { DATABASE_PREFIX } from './namespace-names.js';

const log = debug('database-config:mongodb');

/** Collection marking a template database as completely migrated. */
export const TEMPLATE_MARKER = '_dbc_template';

/** What {@link ensureMongoTemplate} did. */
export interface MongoTemplateResult {
  template: string;
  built: boolean;
}

/**
 * Applies the migrate-mongo migrations of `dir` once into a template database named by their
 * hash (skipped when it is already complete); workers then copy it with {@link cloneMongoDatabase}.
 * A failed migration drops the half-built template and raises a {@link MigrationError}.
 */
export async function ensureMongoTemplate(
  client: MongoClient,
  dir: string,
  files: readonly MigrationFile[],
): Promise<MongoTemplateResult> {
  const template = `${DATABASE_PREFIX}tpl_${migrationsHash(files, LIBRARY_VERSION)}`;
  const db = client.db(template);
  if (await db.collection(TEMPLATE_MARKER).findOne({ complete: true })) return { template, built: false };
  await db.dropDatabase();
  try {
    const applied = await migrateMongoUp(client, db, dir);
    log('applied %o into %s', applied, template);
  } catch (error) {
    await db.dropDatabase().catch(() => undefined);
    const file = /Could not migrate up (\S+):/.exec(String(error))?.[1] ?? dir;
    throw new MigrationError('mongodb', file, { kind: 'mongo', message: (error as Error).message }, error);
  }
  await db.collection(TEMPLATE_MARKER).insertOne({ complete: true, at: new Date() });
  return { template, built: true };
}

/**
 * Loads the migration modules of `dir` the way migrate-mongo does (`require`, else `import()`), so
 * its later load finds them in the module cache. A module that does not load is left for
 * migrate-mongo, whose error names the file, to report when it applies the migrations.
 */
export async function preloadMongoMigrations(dir: string, files: readonly MigrationFile[]): Promise<void> {
  const load = createRequire(import.meta.url);
  for (const { path } of files) {
    try {
      load(path);
    } catch {
      await import(pathToFileURL(path).href).catch(() => undefined);
    }
  }
}

/**
 * Applies the migrate-mongo migrations of `dir` into `db` with the given client, as
 * `migrate-mongo up` does (changelog collection `changelog`; its lock is off: callers serialise).
 * migrate-mongo keeps its config in module state, so calls must not overlap.
 */
export async function migrateMongoUp(client: MongoClient, db: Db, dir: string): Promise<string[]> {
  const migrateMongo = await import('migrate-mongo');
  // migrate-mongo 14 is ESM; its CommonJS entry, which this library's CJS build reaches, hands out
  // every export as a promise. Awaiting each works for both entries.
  const [config, up] = await Promise.all([migrateMongo.config, migrateMongo.up]);
  config.set({
    mongodb: {
      url: 'unused: database-config passes its own client',
      databaseName: db.databaseName,
      options: {},
    },
    migrationsDir: dir,
    changelogCollectionName: 'changelog',
    lockCollectionName: 'changelog_lock',
    lockTtl: 0,
    migrationFileExtension: '.js',
    useFileHash: false,
    moduleSystem: 'esm',
  });
  return up(db, client);
}

/**
 * Copies a database's collections, their options and indexes, and their documents (the reference
 * data migrations insert) into `target`, which must not exist yet. MongoDB has no template
 * databases; the copied data is small by nature (what migrations create).
 */
export async function cloneMongoDatabase(client: MongoClient, source: string, target: string): Promise<void> {
  const collections = await client.db(source).listCollections({}, { nameOnly: false }).toArray();
  await Promise.all(
    collections
      .filter((c) => c.type !== 'view' && c.name !== TEMPLATE_MARKER && !c.name.startsWith('system.'))
      .map((c) =>
        copyCollection(client, source, target, c.name, {
          options: (c as { options?: Record<string, unknown> }).options ?? {},
          documents: true,
        }),
      ),
  );
}

/** Creates collection `name` in `target` with the options and indexes it has in `source`, and its documents if asked. */
export async function copyCollection(
  client: MongoClient,
  source: string,
  target: string,
  name: string,
  copy: { options?: Record<string, unknown>; documents: boolean },
): Promise<void> {
  const from = client.db(source).collection(name);
  const to = client.db(target);
  await to.createCollection(name, copy.options ?? {});
  const indexes = (await from.listIndexes().toArray()).filter((i) => i.name !== '_id_');
  if (indexes.length > 0) {
    await to
      .collection(name)
      .createIndexes(
        indexes.map(({ key, name: index, v: _v, ns: _ns, ...rest }) => ({ key, name: index, ...rest })),
      );
  }
  if (!copy.documents) return;
  const docs = await from.find().toArray();
  if (docs.length > 0) await to.collection(name).insertMany(docs);
}
