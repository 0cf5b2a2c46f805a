import { describe, expect, it } from 'vitest';
import {
  loadDatabaseConfig,
  maskUrl,
  mongooseConnectOptions,
  pgPoolConfig,
  redisOptions,
} from 'database-config';
import { isTransient } from '../../packages/database-config/src/config/resilience.js';
import { vectorDifferences } from 'database-config/internal';

describe('client options derived from the config', () => {
  const config = loadDatabaseConfig(
    {
      DATABASE_URL: 'postgresql://app:pw@db:5432/app',
      POSTGRES_STATEMENT_TIMEOUT_MS: '1500',
      POSTGRES_SSL_MODE: 'verify-full',
      MONGODB_URI: 'mongodb://mongo:27017/catalog',
      MONGODB_SOCKET_TIMEOUT_MS: '9000',
      REDIS_URL: 'rediss://redis:6380/3',
      REDIS_KEY_PREFIX: 'svc:',
      QDRANT_URL: 'http://qdrant:6333',
    },
    {},
  );

  it('pg pool: size, timeouts, TLS and application name', () => {
    expect(pgPoolConfig(config.postgres!)).toEqual({
      connectionString: 'postgresql://app:pw@db:5432/app',
      max: 10,
      connectionTimeoutMillis: 5000,
      statement_timeout: 1500,
      query_timeout: 30_000,
      application_name: 'database-config',
      ssl: { rejectUnauthorized: true },
    });
  });

  it('mongoose: database from the URI path, pool and timeouts', () => {
    expect(mongooseConnectOptions(config.mongodb!)).toEqual({
      dbName: 'catalog',
      maxPoolSize: 10,
      serverSelectionTimeoutMS: 5000,
      connectTimeoutMS: 10_000,
      socketTimeoutMS: 9000,
    });
  });

  it('ioredis: database from the URL path, prefix, TLS from rediss://', () => {
    expect(redisOptions(config.redis!)).toMatchObject({
      db: 3,
      keyPrefix: 'svc:',
      tls: {},
      connectTimeout: 5000,
      maxRetriesPerRequest: 3,
      commandTimeout: 5000,
      enableOfflineQueue: true,
    });
  });

  it('bounds on a hung server: 0 turns a client-side timeout off, the offline queue can be turned off', () => {
    const bounded = loadDatabaseConfig(
      {
        DATABASE_URL: 'postgresql://app:pw@db:5432/app',
        POSTGRES_QUERY_TIMEOUT_MS: '0',
        MONGODB_URI: 'mongodb://mongo:27017/catalog',
        MONGODB_CONNECT_TIMEOUT_MS: '1500',
        REDIS_URL: 'redis://redis:6379',
        REDIS_COMMAND_TIMEOUT_MS: '0',
        REDIS_OFFLINE_QUEUE: 'false',
      },
      { stores: ['postgres', 'mongodb', 'redis'] },
    );
    expect(pgPoolConfig(bounded.postgres!)).not.toHaveProperty('query_timeout');
    expect(mongooseConnectOptions(bounded.mongodb!)).toMatchObject({
      connectTimeoutMS: 1500,
      socketTimeoutMS: 30_000,
    });
    const redis = redisOptions(bounded.redis!);
    expect(redis).not.toHaveProperty('commandTimeout');
    expect(redis.enableOfflineQueue).toBe(false);
  });
});

describe('maskUrl', () => {
  it('masks passwords and secret query parameters', () => {
    expect(maskUrl('postgresql://app:pw@db:5432/app?sslmode=require&api_key=abc')).toBe(
      'postgresql://app:****@db:5432/app?sslmode=require&api_key=****',
    );
    expect(maskUrl('not//a url:secret@x')).toBe('not//a url:****@x');
  });
});

describe('isTransient', () => {
  it('retries refused connections and server selection failures, not authentication failures', () => {
    expect(
      isTransient(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
    ).toBe(true);
    expect(
      isTransient(new Error('wrapper', { cause: Object.assign(new Error('x'), { code: 'ETIMEDOUT' }) })),
    ).toBe(true);
    expect(isTransient(Object.assign(new Error('x'), { name: 'MongoServerSelectionError' }))).toBe(true);
    expect(isTransient(new Error('password authentication failed for user "app"'))).toBe(false);
    expect(isTransient(new Error('syntax error'))).toBe(false);
    // Prisma 7 driver adapter errors carry the kind in meta.driverAdapterError.cause
    const adapterError = (kind: string) =>
      Object.assign(new Error('Raw query failed'), {
        meta: { driverAdapterError: Object.assign(new Error(kind), { cause: { kind } }) },
      });
    expect(isTransient(adapterError('DatabaseNotReachable'))).toBe(true);
    expect(isTransient(adapterError('AuthenticationFailed'))).toBe(false);
  });
});

describe('vectorDifferences', () => {
  it('names each difference of size, distance and vector names', () => {
    expect(vectorDifferences({ size: 4, distance: 'Cosine' }, { size: 4, distance: 'Cosine' })).toEqual([]);
    expect(vectorDifferences({ size: 8, distance: 'Dot' }, { size: 4, distance: 'Cosine' })).toEqual([
      'vector size: schema 8, collection 4',
      'vector distance: schema Dot, collection Cosine',
    ]);
    expect(
      vectorDifferences({ a: { size: 4, distance: 'Dot' } }, { b: { size: 4, distance: 'Dot' } }),
    ).toEqual([
      'vector "a" is in the schema but not in the collection',
      'vector "b" exists in the collection but not in the schema',
    ]);
    expect(vectorDifferences({ size: 4, distance: 'Dot' }, { a: { size: 4, distance: 'Dot' } })).toEqual([
      'schema has one unnamed vector, the collection named vectors',
    ]);
  });
});
