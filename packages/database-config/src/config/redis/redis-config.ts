import * as z from '../zod.js';
import { bool, int, lazy, url, type FieldTable } from '../fields.js';

/** Redis settings. Environment variables in brackets. */
export interface RedisConfig {
  /** Connection URL [`REDIS_URL`]; `rediss://` turns TLS on. */
  url: string;
  /** Logical database index [`REDIS_DB`]; overrides the URL's path (`redis://host:6379/2`). @default the URL's, else 0 */
  db: number | undefined;
  /** Prefix added to every key [`REDIS_KEY_PREFIX`]. @default '' */
  keyPrefix: string;
  /** TLS [`REDIS_TLS`]; on by itself with `rediss://`. @default false */
  tls: boolean;
  /** Milliseconds to wait for the connection [`REDIS_CONNECT_TIMEOUT_MS`]. @default 5000 */
  connectTimeoutMs: number;
  /** Reconnection attempts a command waits through while disconnected, before it fails [`REDIS_MAX_RETRIES_PER_REQUEST`]. @default 3 */
  maxRetriesPerRequest: number;
  /**
   * Milliseconds a command waits for its reply before it fails with `Command timed out`, 0 for none
   * [`REDIS_COMMAND_TIMEOUT_MS`]: the bound on a server that hangs (paused, overloaded), where
   * commands would otherwise wait forever. It applies to blocking commands (`BLPOP`, `XREAD BLOCK`)
   * too: give those a client of their own with a larger bound, or 0. @default 5000
   */
  commandTimeoutMs: number;
  /**
   * Queue commands issued while disconnected until the connection is back [`REDIS_OFFLINE_QUEUE`];
   * they still fail after `maxRetriesPerRequest` reconnection attempts or `commandTimeoutMs`.
   * `false` fails them at once. @default true
   */
  offlineQueue: boolean;
}

export const REDIS_FIELDS: FieldTable<RedisConfig> = {
  url: {
    env: 'REDIS_URL',
    schema: url(['redis', 'rediss']),
    expected: 'a redis:// or rediss:// URL with a host',
    example: 'redis://:secret@localhost:6379/0',
    secret: 'url',
  },
  db: {
    env: 'REDIS_DB',
    schema: int(0, 15_999),
    expected: 'a database index from 0',
    example: '0',
    default: undefined,
  },
  keyPrefix: {
    env: 'REDIS_KEY_PREFIX',
    schema: lazy(() => z.string().check(z.maxLength(256))),
    expected: 'a string of at most 256 characters',
    example: 'orders:',
    default: '',
  },
  tls: { env: 'REDIS_TLS', schema: bool(), expected: 'true or false', example: 'true', default: false },
  connectTimeoutMs: {
    env: 'REDIS_CONNECT_TIMEOUT_MS',
    schema: int(1, 600_000),
    expected: 'milliseconds from 1 to 600000',
    example: '5000',
    default: 5000,
  },
  maxRetriesPerRequest: {
    env: 'REDIS_MAX_RETRIES_PER_REQUEST',
    schema: int(0, 100),
    expected: 'an integer from 0 to 100',
    example: '3',
    default: 3,
  },
  commandTimeoutMs: {
    env: 'REDIS_COMMAND_TIMEOUT_MS',
    schema: int(0, 600_000),
    expected: 'milliseconds from 0 (none) to 600000',
    example: '5000',
    default: 5000,
  },
  offlineQueue: {
    env: 'REDIS_OFFLINE_QUEUE',
    schema: bool(),
    expected: 'true or false',
    example: 'false',
    default: true,
  },
};

/** The logical database a config targets: `db`, else the URL's path, else 0. */
export function redisDatabaseIndex(config: RedisConfig): number {
  if (config.db !== undefined) return config.db;
  const path = new URL(config.url).pathname.replace(/^\//, '');
  return /^\d+$/.test(path) ? Number(path) : 0;
}
