// The PostgreSQL server's admin helpers that the migrations, the external-server check and the workers share.
import pg from 'pg';
import { DATABASE_PREFIX } from './namespace-names.js';
import { databaseUrl } from './server-url.js';

export { databaseUrl, DATABASE_PREFIX };

/** Bound on connecting (TCP, TLS, authentication) to the server: a port that is not PostgreSQL never answers. */
export const CONNECT_TIMEOUT_MS = 10_000;

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Runs `fn` with a client on the server's maintenance database. */
export async function withAdminClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({
    connectionString: databaseUrl(url, 'postgres'),
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An error after connect (the server going away) fails the running query, not the process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Drops a database this library created (its name must carry the prefix), even if it is a template or in use. */
export async function dropDatabase(admin: pg.Client, name: string): Promise<void> {
  if (!name.startsWith(DATABASE_PREFIX))
    throw new Error(`refusing to drop ${name}: not created by database-config`);
  await admin
    .query(`UPDATE pg_database SET datistemplate = false WHERE datname = $1`, [name])
    .catch(() => undefined);
  await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
}
