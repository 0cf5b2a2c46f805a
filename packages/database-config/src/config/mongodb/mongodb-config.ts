import * as z from '../zod.js';
import { int, lazy, url, type FieldTable } from '../fields.js';

/** MongoDB settings. Environment variables in brackets. */
export interface MongodbConfig {
  /** Connection URI [`MONGODB_URI`]. */
  uri: string;
  /** Database name [`MONGODB_DATABASE`]; when unset, the URI's path, else `test`. */
  database: string | undefined;
  /** Maximum connections in the pool [`MONGODB_POOL_SIZE`]. @default 10 */
  poolSize: number;
  /** Milliseconds to find a server before failing [`MONGODB_SERVER_SELECTION_TIMEOUT_MS`]. @default 5000 */
  serverSelectionTimeoutMs: number;
  /** Milliseconds to open one connection (TCP, TLS and handshake) [`MONGODB_CONNECT_TIMEOUT_MS`]. @default 10000 */
  connectTimeoutMs: number;
  /**
   * Milliseconds an operation waits for the server's answer before it fails, 0 for none
   * [`MONGODB_SOCKET_TIMEOUT_MS`]: the bound on a server that hangs (paused, overloaded).
   * Raise it for operations that legitimately take longer (large aggregations). @default 30000
   */
  socketTimeoutMs: number;
}

export const MONGODB_FIELDS: FieldTable<MongodbConfig> = {
  uri: {
    env: 'MONGODB_URI',
    schema: url(['mongodb', 'mongodb+srv']),
    expected: 'a mongodb:// or mongodb+srv:// URI with a host',
    example: 'mongodb://app:secret@localhost:27017/app',
    secret: 'url',
  },
  database: {
    env: 'MONGODB_DATABASE',
    schema: lazy(() => z.string().check(z.regex(/^[^/\\. "$*<>:|?]{1,63}$/))),
    expected: 'a MongoDB database name (1-63 characters, none of /\\. "$*<>:|?)',
    example: 'catalog',
    default: undefined,
  },
  poolSize: {
    env: 'MONGODB_POOL_SIZE',
    schema: int(1, 1000),
    expected: 'an integer from 1 to 1000',
    example: '10',
    default: 10,
  },
  serverSelectionTimeoutMs: {
    env: 'MONGODB_SERVER_SELECTION_TIMEOUT_MS',
    schema: int(1, 600_000),
    expected: 'milliseconds from 1 to 600000',
    example: '5000',
    default: 5000,
  },
  connectTimeoutMs: {
    env: 'MONGODB_CONNECT_TIMEOUT_MS',
    schema: int(1, 600_000),
    expected: 'milliseconds from 1 to 600000',
    example: '10000',
    default: 10_000,
  },
  socketTimeoutMs: {
    env: 'MONGODB_SOCKET_TIMEOUT_MS',
    schema: int(0, 3_600_000),
    expected: 'milliseconds from 0 (none) to 3600000',
    example: '30000',
    default: 30_000,
  },
};

/** The database a config targets: the explicit name, else the URI's path, else `test` (the driver's default). */
export function mongodbDatabaseName(config: MongodbConfig): string {
  if (config.database) return config.database;
  const path = new URL(config.uri).pathname.replace(/^\//, '');
  return path ? decodeURIComponent(path) : 'test';
}
