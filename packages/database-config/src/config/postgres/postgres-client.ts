import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PoolConfig } from 'pg';
import { InvalidPrismaClientError } from '../../errors.js';
import { importPeer } from '../peer.js';
import { currentTestOverrides } from '../test-overrides.js';
import type { PostgresConfig } from './postgres-config.js';
import { registerPrismaPool, trackPrismaAdapter } from './postgres-pool.js';

/** The pg pool settings a config stands for (pool size, timeouts, TLS, application name). */
export function pgPoolConfig(config: PostgresConfig): PoolConfig {
  return {
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs,
    ...(config.statementTimeoutMs > 0 ? { statement_timeout: config.statementTimeoutMs } : {}),
    // Client-side: a server that hangs (paused, overloaded) enforces no statement_timeout.
    ...(config.queryTimeoutMs > 0 ? { query_timeout: config.queryTimeoutMs } : {}),
    application_name: config.applicationName,
    ssl: config.sslMode === 'disable' ? false : { rejectUnauthorized: config.sslMode === 'verify-full' },
  };
}

/**
 * The driver adapter Prisma 7 clients are built with (`new PrismaClient({ adapter })`). Under the
 * test fixtures it routes to the current test's scope (see the `transaction` strategy).
 */
export async function createPrismaAdapter(config: PostgresConfig): Promise<SqlDriverAdapterFactory> {
  const overrides = currentTestOverrides();
  await overrides?.ready?.('postgres');
  if (overrides?.prismaAdapter) return overrides.prismaAdapter();
  const { PrismaPg } = await importPeer('postgres', '@prisma/adapter-pg', () => import('@prisma/adapter-pg'));
  return new PrismaPg(pgPoolConfig(config));
}

/** The constructor of a generated Prisma 7 client (`prisma-client` generator). */
export type PrismaClientConstructor<P> = new (options: { adapter: SqlDriverAdapterFactory }) => P;

const PRISMA_CLIENT_OPTION =
  "prismaClient (the option of databaseTest() and useDatabases(), or createPrismaClient's first argument)";

/**
 * @internal Throws an {@link InvalidPrismaClientError} naming `option` unless `value` is a class (a function
 * with a prototype: arrow functions, instances, modules and plain objects are refused).
 */
export function assertPrismaClientConstructor<P>(
  value: unknown,
  option: string,
): asserts value is PrismaClientConstructor<P> {
  if (typeof value === 'function' && value.prototype !== undefined) return;
  throw new InvalidPrismaClientError(option, describeGiven(value));
}

/** `an object (Object)`, `a client instance (PrismaClient)`, `a string ("x")`, `undefined`... for messages. */
function describeGiven(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  if (typeof value === 'function') return 'a function without a prototype (an arrow function or a method)';
  if (typeof value !== 'object') {
    const shown = JSON.stringify(value) ?? String(value);
    return `a ${typeof value} (${shown.length > 40 ? `${shown.slice(0, 37)}...` : shown})`;
  }
  if (Object.prototype.toString.call(value) === '[object Module]')
    return 'a module namespace (import * as ...; pass its PrismaClient export)';
  const constructorName = (Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null)
    ?.constructor?.name;
  if (typeof (value as { $connect?: unknown }).$connect === 'function')
    return `a client instance (${constructorName ?? 'no constructor'})`;
  return constructorName ? `an object (${constructorName})` : 'an object without a prototype';
}

/**
 * A Prisma 7 client over `@prisma/adapter-pg`, with a pg pool built from the config (or the given
 * driver adapter). Pass your generated class: `createPrismaClient(PrismaClient, config.postgres)`.
 * Its pg pool can be read with {@link prismaPool}.
 * Throws an {@link InvalidPrismaClientError} when `PrismaClient` is not a class.
 */
export async function createPrismaClient<P>(
  PrismaClient: PrismaClientConstructor<P>,
  config: PostgresConfig,
  options: { adapter?: SqlDriverAdapterFactory } = {},
): Promise<P> {
  assertPrismaClientConstructor(PrismaClient, PRISMA_CLIENT_OPTION);
  // The adapter is tracked so that prismaPool() and the DatabaseMonitor can see its pool and queries.
  const { factory, handle } = trackPrismaAdapter(options.adapter ?? (await createPrismaAdapter(config)));
  const prisma = new PrismaClient({ adapter: factory });
  registerPrismaPool(prisma as object, handle);
  return prisma;
}
