import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { PoolConfig } from 'pg';
import { importPeer } from '../peer.js';
import { currentTestOverrides } from '../test-overrides.js';
import type { PostgresConfig } from './postgres-config.js';

/** The pg pool settings a config stands for (pool size, timeouts, TLS, application name). */
export function pgPoolConfig(config: PostgresConfig): PoolConfig {
  return {
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs,
    ...(config.statementTimeoutMs > 0 ? { statement_timeout: config.statementTimeoutMs } : {}),
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

/**
 * A Prisma 7 client over `@prisma/adapter-pg`, with a pg pool built from the config (or the given
 * driver adapter). Pass your generated class: `createPrismaClient(PrismaClient, config.postgres)`.
 */
export async function createPrismaClient<P>(
  PrismaClient: PrismaClientConstructor<P>,
  config: PostgresConfig,
  options: { adapter?: SqlDriverAdapterFactory } = {},
): Promise<P> {
  return new PrismaClient({ adapter: options.adapter ?? (await createPrismaAdapter(config)) });
}
