import { describe, expect, it } from 'vitest';
import { ConfigValidationError, loadDatabaseConfig } from 'database-config';

const VALID = {
  DATABASE_URL: 'postgresql://app:s3cret-pg@db.internal:5432/app',
  MONGODB_URI: 'mongodb://app:s3cret-mongo@mongo.internal:27017/catalog',
  REDIS_URL: 'redis://:s3cret-redis@redis.internal:6379/2',
  QDRANT_URL: 'http://qdrant.internal:6333',
  QDRANT_API_KEY: 's3cret-qdrant',
};

function validationError(run: () => unknown): ConfigValidationError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error('expected a ConfigValidationError, nothing was thrown');
}

describe('loadDatabaseConfig', () => {
  it('reads all four stores from the environment with their defaults', () => {
    const config = loadDatabaseConfig(VALID);
    expect(config.postgres).toEqual({
      url: VALID.DATABASE_URL,
      poolSize: 10,
      connectTimeoutMs: 5000,
      statementTimeoutMs: 0,
      queryTimeoutMs: 30_000,
      sslMode: 'disable',
      applicationName: 'database-config',
    });
    expect(config.mongodb).toMatchObject({ uri: VALID.MONGODB_URI, database: undefined, poolSize: 10 });
    expect(config.redis).toMatchObject({
      url: VALID.REDIS_URL,
      db: undefined,
      keyPrefix: '',
      tls: false,
      maxRetriesPerRequest: 3,
    });
    expect(config.qdrant).toMatchObject({
      url: VALID.QDRANT_URL,
      apiKey: 's3cret-qdrant',
      timeoutMs: 10_000,
      collections: [],
    });
  });

  it('converts numbers and booleans from strings, and explicit options win over the environment', () => {
    const config = loadDatabaseConfig(
      { ...VALID, POSTGRES_POOL_SIZE: '25', REDIS_TLS: 'yes', REDIS_DB: '4', POSTGRES_SSL_MODE: 'require' },
      { postgres: { poolSize: 3 }, redis: { keyPrefix: 'orders:' } },
    );
    expect(config.postgres?.poolSize).toBe(3);
    expect(config.postgres?.sslMode).toBe('require');
    expect(config.redis).toMatchObject({ tls: true, db: 4, keyPrefix: 'orders:' });
  });

  it('builds the PostgreSQL URL from POSTGRES_* parts when DATABASE_URL is absent', () => {
    const config = loadDatabaseConfig(
      {
        POSTGRES_HOST: 'db',
        POSTGRES_PORT: '6543',
        POSTGRES_USER: 'svc',
        POSTGRES_PASSWORD: 'p@ss',
        POSTGRES_DB: 'orders',
      },
      { stores: ['postgres'] },
    );
    expect(config.postgres?.url).toBe('postgresql://svc:p%40ss@db:6543/orders');
    expect(config).not.toHaveProperty('redis');
  });

  it('configures only the requested stores', () => {
    const config = loadDatabaseConfig({ REDIS_URL: 'redis://localhost:6379' }, { stores: ['redis'] });
    expect(Object.keys(config)).toEqual(['redis']);
  });

  it('lists every missing variable at once, with an example for each', () => {
    const error = validationError(() => loadDatabaseConfig({}));
    expect(error.issues.map((i) => i.source)).toEqual([
      'DATABASE_URL',
      'MONGODB_URI',
      'REDIS_URL',
      'QDRANT_URL',
    ]);
    expect(error.message).toContain('4 problems');
    expect(error.message).toContain(
      'postgres DATABASE_URL: is missing (example: postgresql://app:secret@localhost:5432/app)',
    );
    expect(error.message).toMatch(/Fix these environment variables or options/);
  });

  it('rejects malformed URLs and wrong schemes without printing secrets', () => {
    const error = validationError(() =>
      loadDatabaseConfig({
        DATABASE_URL: 'mysql://root:hunter2@db:3306/app',
        MONGODB_URI: 'not a url',
        REDIS_URL: 'http://:hunter3@redis:6379',
        QDRANT_URL: 'ftp://qdrant',
        QDRANT_API_KEY: 'hunter4',
      }),
    );
    expect(error.issues.map((i) => i.source)).toEqual([
      'DATABASE_URL',
      'MONGODB_URI',
      'REDIS_URL',
      'QDRANT_URL',
    ]);
    expect(error.message).toContain('"mysql://root:****@db:3306/app" is not a postgresql:// URL with a host');
    expect(error.message).toContain('is not a redis:// or rediss:// URL');
    for (const secret of ['hunter2', 'hunter3', 'hunter4']) expect(error.message).not.toContain(secret);
  });

  it('rejects non-numeric and out-of-range pool sizes and timeouts, naming the value and the range', () => {
    const error = validationError(() =>
      loadDatabaseConfig({
        ...VALID,
        POSTGRES_POOL_SIZE: 'ten',
        MONGODB_POOL_SIZE: '0',
        REDIS_CONNECT_TIMEOUT_MS: '-5',
        QDRANT_TIMEOUT_MS: '1.5',
        POSTGRES_SSL_MODE: 'sometimes',
      }),
    );
    expect(error.issues).toHaveLength(5);
    expect(error.message).toContain(
      'postgres POSTGRES_POOL_SIZE: "ten" is not an integer from 1 to 1000 (example: 10)',
    );
    expect(error.message).toContain('mongodb MONGODB_POOL_SIZE: "0" is not an integer from 1 to 1000');
    expect(error.message).toContain(
      'redis REDIS_CONNECT_TIMEOUT_MS: "-5" is not milliseconds from 1 to 600000',
    );
    expect(error.message).toContain('qdrant QDRANT_TIMEOUT_MS: "1.5" is not milliseconds');
    expect(error.message).toContain('"sometimes" is not one of disable, require, verify-full');
  });

  it('validates the bounds on a hung server with the other fields, all problems at once', () => {
    const error = validationError(() =>
      loadDatabaseConfig(
        {
          ...VALID,
          REDIS_COMMAND_TIMEOUT_MS: 'soon',
          REDIS_OFFLINE_QUEUE: 'sometimes',
          POSTGRES_QUERY_TIMEOUT_MS: '-1',
          MONGODB_CONNECT_TIMEOUT_MS: '0',
        },
        { mongodb: { socketTimeoutMs: 4_000_000 } },
      ),
    );
    expect(error.issues.map((i) => i.source)).toEqual([
      'POSTGRES_QUERY_TIMEOUT_MS',
      'MONGODB_CONNECT_TIMEOUT_MS',
      'options.mongodb.socketTimeoutMs',
      'REDIS_COMMAND_TIMEOUT_MS',
      'REDIS_OFFLINE_QUEUE',
    ]);
    expect(error.message).toContain(
      'redis REDIS_COMMAND_TIMEOUT_MS: "soon" is not milliseconds from 0 (none) to 600000 (example: 5000)',
    );
    expect(error.message).toContain('redis REDIS_OFFLINE_QUEUE: "sometimes" is not true or false');
    expect(error.message).toContain(
      'postgres POSTGRES_QUERY_TIMEOUT_MS: "-1" is not milliseconds from 0 (none) to 86400000',
    );
    expect(error.message).toContain(
      'mongodb MONGODB_CONNECT_TIMEOUT_MS: "0" is not milliseconds from 1 to 600000',
    );
    expect(error.message).toContain(
      'mongodb options.mongodb.socketTimeoutMs: 4000000 is not milliseconds from 0 (none) to 3600000',
    );
  });

  it('defaults the bounds on a hung server', () => {
    const config = loadDatabaseConfig(VALID);
    expect(config.postgres?.queryTimeoutMs).toBe(30_000);
    expect(config.mongodb).toMatchObject({ connectTimeoutMs: 10_000, socketTimeoutMs: 30_000 });
    expect(config.redis).toMatchObject({ commandTimeoutMs: 5000, offlineQueue: true });
  });

  it('rejects unknown keys in explicit options, at the top level and per store', () => {
    const error = validationError(() =>
      loadDatabaseConfig(VALID, { postgres: { poolsize: 5 }, cache: {} } as never),
    );
    expect(error.issues.map((i) => i.source)).toEqual(['options.cache', 'options.postgres.poolsize']);
    expect(error.message).toContain('unknown option; known options are url, poolSize');
  });

  it('rejects an unknown store name', () => {
    const error = validationError(() =>
      loadDatabaseConfig(VALID, { stores: ['postgres', 'mysql' as never] }),
    );
    expect(error.message).toContain('"mysql" is not a store; stores are postgres, mongodb, redis, qdrant');
  });

  it('validates Qdrant collection schemas and says where a schema is wrong', () => {
    const config = loadDatabaseConfig(VALID, {
      stores: ['qdrant'],
      qdrant: {
        collections: [
          {
            name: 'products',
            vectors: { size: 8, distance: 'Cosine' },
            payloadIndexes: { category: 'keyword' },
          },
          { name: 'images', vectors: { clip: { size: 4, distance: 'Dot' } } },
        ],
      },
    });
    expect(config.qdrant?.collections[1]).toEqual({
      name: 'images',
      vectors: { clip: { size: 4, distance: 'Dot' } },
      payloadIndexes: {},
    });

    const error = validationError(() =>
      loadDatabaseConfig(VALID, {
        stores: ['qdrant'],
        qdrant: { collections: [{ name: 'products', vectors: { size: 0, distance: 'Cosine' } }] },
      }),
    );
    expect(error.issues[0]?.source).toBe('options.qdrant.collections');
    expect(error.message).toContain('at [0].vectors');
  });
});
