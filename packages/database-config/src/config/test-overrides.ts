import type { SqlDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type { StoreName } from '../stores.js';

/**
 * While a test runs under the fixtures, production code that builds its configuration and clients
 * through this library gets the current test worker's namespaces: its PostgreSQL database (and,
 * with the `transaction` strategy, the test's connection), MongoDB database, Redis logical
 * database and Qdrant collection prefix. Application code needs no test-only wiring, and its
 * writes are isolated and reset like the test's own.
 */
export interface TestOverrides {
  /** Environment values the stores' config is read from (URLs of the worker namespaces). */
  env: Record<string, string>;
  /** Prefix put before the configured Qdrant collection prefix. */
  qdrantCollectionPrefix?: string;
  /** Prefix put before the configured Redis key prefix (workers namespaced by key prefix). */
  redisKeyPrefix?: string;
  /** Driver adapter routing PostgreSQL queries to the current test's connection. */
  prismaAdapter?: () => Promise<SqlDriverAdapterFactory>;
  /** Makes sure the worker's namespace in `store` exists; the factories await it before connecting. */
  ready?: (store: StoreName) => Promise<void>;
  /** Sees every client the factories create (and may wrap it), so the fixtures can track writes. */
  onClient?: <C>(store: StoreName, client: C) => C;
}

const KEY = Symbol.for('database-config.test-overrides');
type Holder = { [KEY]?: TestOverrides };

/** The overrides in force (set by the test fixtures), if any. */
export function currentTestOverrides(): TestOverrides | undefined {
  return (globalThis as Holder)[KEY];
}

/** Sets or clears the overrides; used by the fixtures only. */
export function setTestOverrides(overrides: TestOverrides | undefined): void {
  (globalThis as Holder)[KEY] = overrides;
}
