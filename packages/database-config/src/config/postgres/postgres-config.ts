import * as z from '../zod.js';
import { int, lazy, url, type FieldTable } from '../fields.js';

/** PostgreSQL settings. Environment variables in brackets. */
export interface PostgresConfig {
  /** Connection URL [`DATABASE_URL`], or built from `POSTGRES_HOST`, `POSTGRES_PORT`, `POSTGRES_USER`, `POSTGRES_PASSWORD`, `POSTGRES_DB`. */
  url: string;
  /** Maximum connections in the pool [`POSTGRES_POOL_SIZE`]. @default 10 */
  poolSize: number;
  /** Milliseconds to wait for a connection [`POSTGRES_CONNECT_TIMEOUT_MS`]. @default 5000 */
  connectTimeoutMs: number;
  /** Server-side statement timeout in milliseconds, 0 for none [`POSTGRES_STATEMENT_TIMEOUT_MS`]. @default 0 */
  statementTimeoutMs: number;
  /**
   * Client-side bound on one query, in milliseconds, 0 for none [`POSTGRES_QUERY_TIMEOUT_MS`]: a query
   * to a server that hangs (paused, overloaded, network gone silent) fails with `Query read timeout`
   * instead of waiting forever, which a server-side `statement_timeout` cannot do. @default 30000
   */
  queryTimeoutMs: number;
  /** TLS mode [`POSTGRES_SSL_MODE`]: `disable`, `require` (encrypted, certificate not verified) or `verify-full`. @default 'disable' */
  sslMode: 'disable' | 'require' | 'verify-full';
  /** Reported in `pg_stat_activity` [`POSTGRES_APPLICATION_NAME`]. @default 'database-config' */
  applicationName: string;
}

export const POSTGRES_FIELDS: FieldTable<PostgresConfig> = {
  url: {
    env: 'DATABASE_URL',
    schema: url(['postgres', 'postgresql']),
    expected: 'a postgresql:// URL with a host',
    example: 'postgresql://app:secret@localhost:5432/app',
    secret: 'url',
  },
  poolSize: {
    env: 'POSTGRES_POOL_SIZE',
    schema: int(1, 1000),
    expected: 'an integer from 1 to 1000',
    example: '10',
    default: 10,
  },
  connectTimeoutMs: {
    env: 'POSTGRES_CONNECT_TIMEOUT_MS',
    schema: int(1, 600_000),
    expected: 'milliseconds from 1 to 600000',
    example: '5000',
    default: 5000,
  },
  statementTimeoutMs: {
    env: 'POSTGRES_STATEMENT_TIMEOUT_MS',
    schema: int(0, 86_400_000),
    expected: 'milliseconds from 0 (none) to 86400000',
    example: '30000',
    default: 0,
  },
  queryTimeoutMs: {
    env: 'POSTGRES_QUERY_TIMEOUT_MS',
    schema: int(0, 86_400_000),
    expected: 'milliseconds from 0 (none) to 86400000',
    example: '30000',
    default: 30_000,
  },
  sslMode: {
    env: 'POSTGRES_SSL_MODE',
    schema: lazy(() => z.enum(['disable', 'require', 'verify-full'])),
    expected: 'one of disable, require, verify-full',
    example: 'require',
    default: 'disable',
  },
  applicationName: {
    env: 'POSTGRES_APPLICATION_NAME',
    schema: lazy(() => z.string().check(z.maxLength(63))),
    expected: 'a name of at most 63 characters',
    example: 'orders-service',
    default: 'database-config',
  },
};

/**
 * `DATABASE_URL` when set, else a URL built from the `POSTGRES_*` parts when `POSTGRES_HOST` is set,
 * so both styles of deployment configure the same field.
 */
export function postgresUrlFromParts(env: Record<string, string | undefined>): string | undefined {
  if (env.DATABASE_URL?.trim() || !env.POSTGRES_HOST?.trim()) return undefined;
  const user = encodeURIComponent(env.POSTGRES_USER ?? 'postgres');
  const password = env.POSTGRES_PASSWORD ? `:${encodeURIComponent(env.POSTGRES_PASSWORD)}` : '';
  const database = encodeURIComponent(env.POSTGRES_DB ?? env.POSTGRES_USER ?? 'postgres');
  return `postgresql://${user}${password}@${env.POSTGRES_HOST.trim()}:${env.POSTGRES_PORT?.trim() || 5432}/${database}`;
}
