import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigValidationError } from 'database-config/internal';
import type { StoreName } from 'database-config/internal';

/** One migration as found on disk. */
export interface MigrationFile {
  /** Name shown and recorded (the Prisma migration folder, or the migrate-mongo file). */
  name: string;
  path: string;
  content: string;
}

/** sha256 hex of a text. */
export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * The migrations of a folder in name order: for PostgreSQL each `<folder>/<name>/migration.sql`
 * (Prisma's layout), for MongoDB each `*.js` file (migrate-mongo). A folder that does not exist
 * or holds no migration is a configuration error, raised before any container starts.
 */
export async function readMigrations(
  store: StoreName,
  dir: string,
  source: string,
): Promise<MigrationFile[]> {
  const fail = (problem: string, example: string) => {
    throw new ConfigValidationError([{ store, source, problem, example }]);
  };
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory())
    fail(`folder ${dir} does not exist`, "'./prisma/migrations' (relative to the project root)");
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const files: MigrationFile[] = [];
  for (const entry of entries) {
    if (store === 'postgres' && entry.isDirectory()) {
      const path = join(dir, entry.name, 'migration.sql');
      const content = await readFile(path, 'utf8').catch(() => undefined);
      if (content !== undefined) files.push({ name: entry.name, path, content });
    } else if (store !== 'postgres' && entry.isFile() && /\.js$/.test(entry.name)) {
      const path = join(dir, entry.name);
      files.push({ name: entry.name, path, content: await readFile(path, 'utf8') });
    }
  }
  if (files.length === 0) {
    fail(
      `folder ${dir} holds no migration`,
      store === 'postgres'
        ? '<folder>/20250101000000_init/migration.sql'
        : '<folder>/20250101000000-indexes.js (migrate-mongo)',
    );
  }
  return files;
}

/** A short hash of migrations and anything else their result depends on (server version, library version). */
export function migrationsHash(files: readonly MigrationFile[], ...salt: string[]): string {
  return sha256([...salt, ...files.map((f) => `${f.name}\0${f.content}`)].join('\0\0')).slice(0, 16);
}
