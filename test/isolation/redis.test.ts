import type { Redis } from 'ioredis';
import { describe, expect, inject } from 'vitest';
import { test } from './db.js';

describe('Redis', () => {
  test.beforeAll(async ({ dbFile }) => {
    const redis = await dbFile.redis();
    await redis.set('file:key', 'file value');
  });

  test('writes keys, hashes and TTLs', async ({ redis }) => {
    expect(await redis.get('file:key')).toBe('file value');
    await redis.set('test:key', 'v', 'EX', 60);
    await redis.hset('cart:1', { sku: '2' });
    await redis.del('file:key');
  });

  test('...and the next test sees only the file data', async ({ db }) => {
    expect(await db.redisKeys()).toEqual(['file:key']);
  });

  test('the worker has a namespace of its own: a logical database, or a key prefix in a shared one', async ({
    redis,
    db,
  }) => {
    if (inject('databaseStack').redis!.namespace === 'database') {
      expect(db.names.redis).toBe(Number(process.env.VITEST_POOL_ID));
      expect(db.names.redisKeyPrefix).toBe('');
    } else {
      expect(db.names.redisKeyPrefix).toMatch(new RegExp(`^dbc_w${process.env.VITEST_POOL_ID}_\\w+:$`));
    }
    expect(redis.options.db).toBe(db.names.redis);
    expect(redis.options.keyPrefix ?? '').toBe(db.names.redisKeyPrefix);
  });
});

describe('Redis, through a client kept from beforeAll', () => {
  let kept: Redis;
  test.beforeAll(async ({ dbFile }) => {
    kept = await dbFile.redis();
  });

  test('writes through it, pipelines included', async () => {
    await kept.set('kept:key', '1');
    await kept.pipeline().set('kept:piped', '2').exec();
  });

  test('...and those writes are reset too', async ({ redis }) => {
    expect(await redis.get('kept:key')).toBeNull();
    expect(await redis.get('kept:piped')).toBeNull();
  });
});
