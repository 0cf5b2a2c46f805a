import type { StoreName } from '../stores.js';

/** What {@link getDatabaseToken} names: a store's client, the manager, or the module options. */
export type DatabaseTokenKind = StoreName | 'manager';

/** The module that provides each token, named in the token so Nest's "can't resolve" message says what to import. */
const PROVIDED_BY: Record<DatabaseTokenKind, string> = {
  postgres:
    "PostgresqlConfigModule.forRoot({ prismaClient }), or DatabaseConfigModule.forRoot() with 'postgres' in its stores",
  mongodb: "MongodbConfigModule.forRoot(), or DatabaseConfigModule.forRoot() with 'mongodb' in its stores",
  redis: "RedisConfigModule.forRoot(), or DatabaseConfigModule.forRoot() with 'redis' in its stores",
  qdrant: "QdrantConfigModule.forRoot(), or DatabaseConfigModule.forRoot() with 'qdrant' in its stores",
  manager: 'DatabaseConfigModule.forRoot()',
};

/**
 * The injection token of a store's client (`'postgres'`: your Prisma client, `'mongodb'`: the
 * mongoose `Connection`, `'redis'`: the ioredis client, `'qdrant'`: the Qdrant client) or of the
 * root module's `DatabaseManager` (`'manager'`). Strings, as in `@nestjs/mongoose`: the same token
 * from the CommonJS and the ESM build. Each names the module that provides it, so a missing import
 * shows in Nest's error.
 *
 * @example
 * const redis = app.get<Redis>(getDatabaseToken('redis'));
 */
export function getDatabaseToken(kind: DatabaseTokenKind): string {
  return `database-config:${kind} (provided by ${PROVIDED_BY[kind]})`;
}

/** @internal The manager that owns a store's client (the root module's, or a per-store module's own). */
export function storeManagerToken(store: StoreName): string {
  return `database-config:${store}-manager (provided by ${PROVIDED_BY[store]})`;
}

/** @internal The manager a module connected, private to that module. */
export const MODULE_MANAGER = 'database-config:module-manager';

/** @internal The HealthIndicatorService of @nestjs/terminus, once loaded. */
export const HEALTH_INDICATOR_SERVICE = 'database-config:terminus-health-indicator-service';

/** @internal The connection token of `@nestjs/mongoose` for a connection name (its `getConnectionToken`). */
export function mongooseConnectionToken(connectionName?: string): string {
  return connectionName && connectionName !== 'DatabaseConnection'
    ? `${connectionName}Connection`
    : 'DatabaseConnection';
}

/** @internal A module's options (what forRoot got, or forRootAsync's useFactory returned). */
export const MODULE_OPTIONS = 'database-config:module-options';
