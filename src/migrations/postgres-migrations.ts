import { randomUUID } from 'node:crypto';
import { spawn } from 'node:child_process';
import debug from 'debug';
import pg from 'pg';
import { MigrationError } from 'database-config/internal';
import { LIBRARY_VERSION } from 'database-config/internal';
import { migrationsHash, sha256, type MigrationFile } from './migration-files.js';
import {
  CONNECT_TIMEOUT_MS,
  databaseUrl,
  DATABASE_PREFIX,
  dropDatabase,
  quoteIdent,
  withAdminClient,
} from './postgres-admin.js';

export { databaseUrl, dropDatabase, quoteIdent, withAdminClient };

const log = debug('database-config:postgres');

const TEMPLATE_PREFIX = `${DATABASE_PREFIX}tpl_`;
// Serialises template builders across processes sharing a server (pg_advisory_lock key).
const TEMPLATE_LOCK_KEY = 0x64626374;
/** Bound on waiting for another process's template build on the same server. */
const TEMPLATE_LOCK_TIMEOUT = '120s';

// The table `prisma migrate deploy` records applied migrations in, as Prisma creates it.
const PRISMA_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

/** What {@link ensurePostgresTemplate} did. */
export interface TemplateResult {
  template: string;
  built: boolean;
  /** Templates of an earlier version of the same migrations, dropped because a file changed. */
  replaced: string[];
  serverVersion: number;
}

/**
 * Makes sure a template database holding the migrated schema exists, named by a hash of the
 * migration files, the server version and this library's version; skips when it exists (reuse,
 * another project). Builders on the same server are serialised by an advisory lock. A failed
 * migration leaves no database behind and raises a {@link MigrationError} with the file, the line
 * and column, and the server's message.
 */
export async function ensurePostgresTemplate(
  url: string,
  files: readonly MigrationFile[],
  options: { setKey: string; migrate: 'sql' | 'prisma' },
): Promise<TemplateResult> {
  return withAdminClient(url, async (admin) => {
    const serverVersion = Number((await admin.query('SHOW server_version_num')).rows[0].server_version_num);
    const family = `${TEMPLATE_PREFIX}${options.setKey}_`;
    const template = `${family}${migrationsHash(files, String(serverVersion), LIBRARY_VERSION)}`;
    await lockTemplates(admin);
    try {
      const existing: string[] = (
        await admin.query('SELECT datname FROM pg_database WHERE starts_with(datname, $1)', [family])
      ).rows.map((r: { datname: string }) => r.datname);
      if (existing.includes(template)) return { template, built: false, replaced: [], serverVersion };

      const building = `${template}_build`;
      await dropDatabase(admin, building);
      await admin.query(`CREATE DATABASE ${quoteIdent(building)}`);
      try {
        if (options.migrate === 'prisma') await prismaMigrateDeploy(databaseUrl(url, building));
        else await applyMigrations(databaseUrl(url, building), files);
      } catch (error) {
        await dropDatabase(admin, building);
        throw error;
      }
      await admin.query(`ALTER DATABASE ${quoteIdent(building)} RENAME TO ${quoteIdent(template)}`);
      await admin.query(`ALTER DATABASE ${quoteIdent(template)} WITH IS_TEMPLATE true`);
      const replaced = existing.filter((name) => name !== building);
      for (const old of replaced) await dropDatabase(admin, old);
      log('built template %s (replaced %o)', template, replaced);
      return { template, built: true, replaced, serverVersion };
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]).catch(() => undefined);
    }
  });
}

/** Takes the template builders' lock, waiting at most {@link TEMPLATE_LOCK_TIMEOUT} for another builder. */
async function lockTemplates(admin: pg.Client): Promise<void> {
  await admin.query(`SET lock_timeout = '${TEMPLATE_LOCK_TIMEOUT}'`);
  try {
    await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
  } catch (error) {
    if ((error as { code?: string }).code !== '55P03') throw error;
    throw new MigrationError(
      'postgres',
      'template lock',
      { kind: 'template-lock', waited: TEMPLATE_LOCK_TIMEOUT, lockKey: TEMPLATE_LOCK_KEY },
      error,
    );
  } finally {
    await admin.query('RESET lock_timeout');
  }
}

/**
 * Applies migrations in order and records each in `_prisma_migrations` exactly as
 * `prisma migrate deploy` does (row before, checksum = sha256 of the file, finished_at and
 * applied_steps_count after), so `prisma migrate status` sees them as applied.
 */
export async function applyMigrations(url: string, files: readonly MigrationFile[]): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await client.query(PRISMA_MIGRATIONS_TABLE);
    const applied = new Set(
      (
        await client.query('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL')
      ).rows.map((r: { migration_name: string }) => r.migration_name),
    );
    for (const file of files) {
      if (applied.has(file.name)) continue;
      const id = randomUUID();
      await client.query(
        'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
        [id, sha256(file.content), file.name],
      );
      try {
        // No parameters: the simple query protocol runs the whole multi-statement script, as Prisma does.
        await client.query(file.content);
      } catch (error) {
        await client
          .query('UPDATE _prisma_migrations SET logs = $2 WHERE id = $1', [id, String(error)])
          .catch(() => undefined);
        throw migrationFailure(file, error);
      }
      await client.query(
        'UPDATE _prisma_migrations SET finished_at = now(), applied_steps_count = 1 WHERE id = $1',
        [id],
      );
    }
  } finally {
    await client.end().catch(() => undefined);
  }
}

function migrationFailure(file: MigrationFile, error: unknown): MigrationError {
  const { position, code, message } = error as { position?: string; code?: string; message?: string };
  const before = position ? file.content.slice(0, Number(position) - 1).split('\n') : undefined;
  return new MigrationError(
    'postgres',
    `${file.name}/migration.sql`,
    {
      kind: 'sql',
      path: file.path,
      message: String(message),
      ...(code ? { sqlstate: code } : {}),
      ...(before ? { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 } : {}),
    },
    error,
  );
}

/** Delegates to `prisma migrate deploy` (needs the Prisma schema engine). */
async function prismaMigrateDeploy(url: string): Promise<void> {
  const output: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn('npx', ['prisma', 'migrate', 'deploy'], {
      env: { ...process.env, DATABASE_URL: url },
    });
    child.stdout.on('data', (d: Buffer) => output.push(String(d)));
    child.stderr.on('data', (d: Buffer) => output.push(String(d)));
    child.on('error', reject);
    child.on('close', (status) => resolve(status ?? 1));
  });
  if (code !== 0) {
    throw new MigrationError('postgres', 'prisma migrate deploy', {
      kind: 'prisma-migrate-deploy',
      exitCode: code,
      output: output.join('').trim().split('\n').slice(-3).join(' '),
    });
  }
}
