import { MONGODB_FIELDS } from '../config/mongodb/mongodb-config.js';
import { POSTGRES_FIELDS } from '../config/postgres/postgres-config.js';
import { QDRANT_FIELDS } from '../config/qdrant/qdrant-config.js';
import { REDIS_FIELDS } from '../config/redis/redis-config.js';
import type { ConfigServiceLike } from './module-options.js';

/** The variables PostgreSQL's URL is assembled from when DATABASE_URL is absent (postgresUrlFromParts). */
const POSTGRES_PARTS = [
  'POSTGRES_HOST',
  'POSTGRES_PORT',
  'POSTGRES_USER',
  'POSTGRES_PASSWORD',
  'POSTGRES_DB',
];

/** Every environment variable the stores' configuration reads. */
const VARIABLES = [
  ...[POSTGRES_FIELDS, MONGODB_FIELDS, REDIS_FIELDS, QDRANT_FIELDS].flatMap((table) =>
    Object.values<{ env?: string }>(table).flatMap((field) => (field.env ? [field.env] : [])),
  ),
  ...POSTGRES_PARTS,
];

const isConfigService = (env: object): env is ConfigServiceLike =>
  typeof (env as { get?: unknown }).get === 'function';

/**
 * The environment record the configuration is read from: `process.env`, the given record, or the
 * stores' variables read through a `ConfigService` (`get(name)`, values turned into strings).
 */
export function resolveEnv(
  env: Record<string, string | undefined> | ConfigServiceLike | undefined,
): Record<string, string | undefined> {
  if (env === undefined) return process.env;
  if (!isConfigService(env)) return env;
  const record: Record<string, string> = {};
  for (const name of VARIABLES) {
    const value = env.get(name);
    if (value !== undefined && value !== null) record[name] = String(value);
  }
  return record;
}
