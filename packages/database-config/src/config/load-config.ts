import { ConfigValidationError, type ConfigIssue } from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { readFields, type FieldTable } from './fields.js';
import { MONGODB_FIELDS, type MongodbConfig } from './mongodb/mongodb-config.js';
import { POSTGRES_FIELDS, postgresUrlFromParts, type PostgresConfig } from './postgres/postgres-config.js';
import { QDRANT_FIELDS, type QdrantCollectionSchema, type QdrantConfig } from './qdrant/qdrant-config.js';
import { REDIS_FIELDS, type RedisConfig } from './redis/redis-config.js';
import { currentTestOverrides } from './test-overrides.js';

/** The validated configuration of the stores that were asked for. */
export interface DatabaseConfig {
  postgres?: PostgresConfig;
  mongodb?: MongodbConfig;
  redis?: RedisConfig;
  qdrant?: QdrantConfig;
}

type Explicit<C> = { [K in keyof C]?: C[K] };

/** Options of {@link loadDatabaseConfig}: which stores, and explicit values that win over the environment. */
export interface LoadDatabaseConfigOptions {
  /** The stores to configure; each must be fully configured. @default all four */
  stores?: readonly StoreName[];
  postgres?: Explicit<PostgresConfig>;
  mongodb?: Explicit<MongodbConfig>;
  redis?: Explicit<RedisConfig>;
  qdrant?: Explicit<Omit<QdrantConfig, 'collections'>> & { collections?: QdrantCollectionSchema[] };
}

const TABLES: { [S in StoreName]: FieldTable<NonNullable<DatabaseConfig[S]>> } = {
  postgres: POSTGRES_FIELDS,
  mongodb: MONGODB_FIELDS,
  redis: REDIS_FIELDS,
  qdrant: QDRANT_FIELDS as FieldTable<QdrantConfig>,
};

const OPTION_KEYS = new Set<string>(['stores', ...STORE_NAMES]);

/**
 * Validates the configuration of every requested store at once, from explicit options over
 * environment variables. Throws one {@link ConfigValidationError} listing every problem
 * (variable, what was wrong, a valid example); secrets are never printed.
 *
 * @example
 * const config = loadDatabaseConfig(process.env, { stores: ['postgres', 'redis'] });
 */
export function loadDatabaseConfig(
  env: Record<string, string | undefined> = process.env,
  options: LoadDatabaseConfigOptions = {},
): DatabaseConfig {
  // Under the test fixtures, the stores' locations are the test worker's namespaces.
  const overrides = currentTestOverrides();
  const config = readDatabaseConfig(overrides ? { ...env, ...overrides.env } : env, options);
  if (overrides?.qdrantCollectionPrefix && config.qdrant) {
    config.qdrant.collectionPrefix = `${overrides.qdrantCollectionPrefix}${config.qdrant.collectionPrefix}`;
  }
  if (overrides?.redisKeyPrefix && config.redis) {
    config.redis.keyPrefix = `${overrides.redisKeyPrefix}${config.redis.keyPrefix}`;
  }
  return config;
}

/** {@link loadDatabaseConfig} without the test fixtures' overrides: exactly what `env` and `options` say. */
export function readDatabaseConfig(
  env: Record<string, string | undefined>,
  options: LoadDatabaseConfigOptions = {},
): DatabaseConfig {
  const issues: ConfigIssue[] = [];
  for (const key of Object.keys(options)) {
    if (!OPTION_KEYS.has(key)) {
      issues.push({
        store: 'options',
        source: `options.${key}`,
        problem: `unknown option; known options are ${[...OPTION_KEYS].join(', ')}`,
        example: "stores: ['postgres']",
      });
    }
  }
  const stores = options.stores ?? STORE_NAMES;
  for (const store of stores) {
    if (!STORE_NAMES.includes(store)) {
      issues.push({
        store: 'options',
        source: 'options.stores',
        problem: `${JSON.stringify(store)} is not a store; stores are ${STORE_NAMES.join(', ')}`,
        example: "['postgres', 'redis']",
      });
    }
  }
  const config: DatabaseConfig = {};
  const storeEnv = { ...env, DATABASE_URL: env.DATABASE_URL ?? postgresUrlFromParts(env) };
  for (const store of stores.filter((s) => STORE_NAMES.includes(s))) {
    const explicit = (options[store] ?? {}) as Record<string, unknown>;
    const result = readFields(store, TABLES[store] as FieldTable<unknown>, storeEnv, explicit);
    issues.push(...result.issues);
    if (result.value) (config as Record<StoreName, unknown>)[store] = result.value;
  }
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return config;
}
