import type { LoadDatabaseConfigOptions } from '../config/load-config.js';
import type { PrismaClientConstructor } from '../config/postgres/postgres-client.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import type { QdrantCollectionSchema } from '../config/qdrant/qdrant-config.js';
import type { BreakerOptions, RetryOptions } from '../config/resilience.js';
import type { StoreName } from '../stores.js';

/** What the modules need of `ConfigService` from `@nestjs/config`: `get(name)`. */
export interface ConfigServiceLike {
  get(propertyPath: string): unknown;
}

/** Options every database module takes (the root module and each per-store module). */
export interface CommonModuleOptions {
  /**
   * Where the stores' environment variables are read (`DATABASE_URL`, `REDIS_URL`...): a record,
   * or `ConfigService` from `@nestjs/config` (pass it through `forRootAsync({ inject: [ConfigService], useFactory })`).
   * @default process.env
   */
  env?: Record<string, string | undefined> | ConfigServiceLike;
  /** Retries of transient connection failures at bootstrap (exponential backoff with jitter). @default { attempts: 5, initialDelayMs: 100, maxDelayMs: 2000 } */
  retry?: RetryOptions;
  /** The circuit breaker around each store. @default { threshold: 5, halfOpenAfterMs: 10000 } */
  breaker?: BreakerOptions;
  /** Longest wait for one store's health check, in milliseconds. @default 2000 */
  healthTimeoutMs?: number;
  /** Longest wait for one operation run through a service's `execute`, in milliseconds. @default 30000 */
  operationTimeoutMs?: number;
}

/** Options of the PostgreSQL store (root module with `'postgres'`, or `PostgresqlConfigModule`). */
export interface PostgresModuleOptions<P extends PrismaLike = PrismaLike> {
  /** Your generated Prisma 7 client class (`import { PrismaClient } from './generated/prisma/client.js'`); required for PostgreSQL. */
  prismaClient?: PrismaClientConstructor<P>;
  /** Explicit PostgreSQL settings, over the environment. @default {} */
  postgres?: LoadDatabaseConfigOptions['postgres'];
}

/** Options of the MongoDB store (root module with `'mongodb'`, or `MongodbConfigModule`). */
export interface MongodbModuleOptions {
  /** Explicit MongoDB settings, over the environment. @default {} */
  mongodb?: LoadDatabaseConfigOptions['mongodb'];
}

/** Options of the Redis store (root module with `'redis'`, or `RedisConfigModule`). */
export interface RedisModuleOptions {
  /** Explicit Redis settings, over the environment. @default {} */
  redis?: LoadDatabaseConfigOptions['redis'];
}

/** Options of the Qdrant store (root module with `'qdrant'`, or `QdrantConfigModule`). */
export interface QdrantModuleOptions {
  /** Explicit Qdrant settings, over the environment. @default {} */
  qdrant?: Omit<NonNullable<LoadDatabaseConfigOptions['qdrant']>, 'collections'>;
  /** The collections the collection initializer creates (prefix applied). @default [] */
  collections?: QdrantCollectionSchema[];
  /**
   * Create the collections and payload indexes at bootstrap (idempotent; a collection whose
   * vectors differ is never recreated: `CollectionSchemaConflictError`). @default false
   */
  initializeCollections?: boolean;
}

/** Options of `DatabaseConfigModule.forRoot()` (and what `forRootAsync`'s `useFactory` returns). */
export interface DatabaseConfigModuleOptions<P extends PrismaLike = PrismaLike>
  extends
    CommonModuleOptions,
    PostgresModuleOptions<P>,
    MongodbModuleOptions,
    RedisModuleOptions,
    QdrantModuleOptions {}

/** Options given beside the others, known when the module is defined (also in `forRootAsync`). */
export interface DatabaseModuleExtras {
  /** Register the module globally: its clients and services injectable everywhere. @default true */
  isGlobal?: boolean;
}

/** {@link DatabaseModuleExtras} of the modules that connect MongoDB. */
export interface MongodbModuleExtras extends DatabaseModuleExtras {
  /**
   * Also provide the connection under `@nestjs/mongoose`'s connection token, so
   * `MongooseModule.forFeature([...], connectionName)` and `@InjectModel(Name.name, connectionName)`
   * use it: `true` for the default connection, or a connection name. Needs `@nestjs/mongoose` and a
   * global module (`isGlobal`, the default). @default false
   */
  mongooseConnection?: boolean | string;
}

/** {@link DatabaseModuleExtras} of the root module: which stores it connects. */
export interface DatabaseConfigModuleExtras extends MongodbModuleExtras {
  /** The stores to connect; each must be fully configured. @default all four */
  stores?: readonly StoreName[];
}

/** The options that shape a module (given beside `useFactory` in `forRootAsync`). */
export const STATIC_OPTION_KEYS: readonly string[] = ['isGlobal', 'stores', 'mongooseConnection'];

/** The option keys every module accepts. */
export const COMMON_OPTION_KEYS: readonly string[] = [
  'env',
  'retry',
  'breaker',
  'healthTimeoutMs',
  'operationTimeoutMs',
];

/** The option keys that belong to one store (accepted by a module that connects it). */
export const STORE_OPTION_KEYS: { readonly [S in StoreName]: readonly string[] } = {
  postgres: ['prismaClient', 'postgres'],
  mongodb: ['mongodb'],
  redis: ['redis'],
  qdrant: ['qdrant', 'collections', 'initializeCollections'],
};
