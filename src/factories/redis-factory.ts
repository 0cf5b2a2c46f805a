// Factories for Redis keys: a record { key, value | hash | json, ttlSeconds? } saved with SET or
// HSET (and EXPIRE) in one MULTI on the current test's client.
import { factoryClients } from './clients.js';
import { FactoryDefinitionError } from './errors.js';
import type { TransientOf, TransientParent } from './parents.js';
import type { DefineFn, FactoryOptions, InferredDefineFn } from './factory-types.js';
import { storeFactory, type StoreFactory } from './store-factory.js';

interface RedisKey {
  /** The key (the client's `keyPrefix`, if any, is added by ioredis). */
  key: string;
  /** Seconds to live (EXPIRE); none when absent. */
  ttlSeconds?: number;
}
/** A string value (SET). */
export interface RedisStringRecord extends RedisKey {
  value: string;
}
/** A hash (DEL, then HSET with every field). */
export interface RedisHashRecord extends RedisKey {
  hash: Record<string, string | number>;
}
/** A JSON value, stored as a string (SET of JSON.stringify). */
export interface RedisJsonRecord extends RedisKey {
  json: unknown;
}
/** What a Redis factory builds: exactly one of `value`, `hash`, `json`. */
export type RedisRecord = RedisStringRecord | RedisHashRecord | RedisJsonRecord;

const FORMS = ['value', 'hash', 'json'] as const;

/**
 * A factory for Redis keys: `define` returns a {@link RedisRecord}; create() writes it with SET or
 * HSET (plus EXPIRE when `ttlSeconds` is set) in one MULTI on the current test's client.
 *
 * @example
 * const carts = redisFactory(({ sequence }) => ({ key: `cart:${sequence}`, hash: { '1': 2 }, ttlSeconds: 3600 }));
 */
export function redisFactory<
  T extends RedisRecord,
  I extends object = object,
  K extends string = never,
  TP extends Record<string, TransientParent> = Record<never, never>,
>(
  define: InferredDefineFn<T, TransientOf<I, TP>>,
  options: FactoryOptions<T, I, T, K, TP> & {
    /** Name used in messages. @default 'redis' */
    label?: string;
  } = {},
): StoreFactory<T, TransientOf<I, TP>, T, K> {
  const label = options.label ?? 'redis';
  return storeFactory<T, I, T, K, TP>(
    { label, store: 'redis' },
    define as DefineFn<T, TransientOf<I, TP>, T>,
    options,
    async (record) => {
      const forms = FORMS.filter(
        (form) => (record as unknown as Record<string, unknown>)[form] !== undefined,
      );
      if (forms.length !== 1 || !record.key) {
        throw new FactoryDefinitionError(label, { kind: 'redis-record-shape', key: record.key, forms });
      }
      const redis = await factoryClients(label).redis();
      const multi = redis.multi();
      const { hash, json, value } = record as Partial<RedisHashRecord & RedisJsonRecord & RedisStringRecord>;
      if (forms[0] === 'hash') multi.del(record.key).hset(record.key, hash!);
      else if (forms[0] === 'json') multi.set(record.key, JSON.stringify(json));
      else multi.set(record.key, value!);
      if (record.ttlSeconds !== undefined) multi.expire(record.key, record.ttlSeconds);
      const results = (await multi.exec()) ?? [];
      const failed = results.find(([error]) => error)?.[0];
      if (failed) throw failed;
      return record;
    },
  );
}
