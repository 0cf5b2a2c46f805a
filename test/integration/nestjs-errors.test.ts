import { Inject, Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { Redis as IORedis, type Redis } from 'ioredis';
import { describe, expect, inject, it, vi } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { ConfigValidationError, ConnectionError, InvalidPrismaClientError } from 'database-config';
import {
  DatabaseConfigModule,
  DatabaseManagerService,
  InjectRedis,
  MongodbConfigModule,
  PostgresqlConfigModule,
  RedisConfigModule,
  RedisService,
} from 'database-config/nestjs';
import { openSockets, stackEnv, unreachable } from './helpers.js';

const fastRetry = { attempts: 2, initialDelayMs: 10, maxDelayMs: 20 };

/** What compiling a module with these imports throws. */
async function bootstrapError(imports: unknown[], providers: unknown[] = []): Promise<Error> {
  const error = await Test.createTestingModule({
    imports: imports as never[],
    providers: providers as never[],
  })
    .compile()
    .then(async (moduleRef) => {
      await moduleRef.close();
      return undefined;
    })
    .catch((thrown: unknown) => thrown);
  if (!(error instanceof Error)) throw new Error('the bootstrap did not fail');
  return error;
}

describe('bad input at bootstrap, with messages that say what to do', () => {
  it('PostgreSQL among the stores without the Prisma client class: ConfigValidationError naming the option', async () => {
    const error = await bootstrapError([
      DatabaseConfigModule.forRoot({ stores: ['postgres'], env: stackEnv() }),
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain('DatabaseConfigModule.forRoot({ prismaClient })');
    expect(error.message).toContain('needs your generated Prisma client class');
    expect(error.message).toContain("import { PrismaClient } from './generated/prisma/client.js'");
  });

  it('an instance where the Prisma client class is expected: InvalidPrismaClientError naming the module option', async () => {
    const error = await bootstrapError([
      PostgresqlConfigModule.forRoot({ env: stackEnv(), prismaClient: {} as typeof PrismaClient }),
    ]);
    expect(error).toBeInstanceOf(InvalidPrismaClientError);
    expect(error.message).toMatch(
      /^PostgresqlConfigModule\.forRoot\(\{ prismaClient \}\) must be your generated Prisma client class, but an object \(Object\) was given/,
    );
  });

  it('invalid environment and unknown options: one ConfigValidationError with every problem, before anything connects', async () => {
    const before = openSockets();
    const error = await bootstrapError([
      DatabaseConfigModule.forRoot({
        stores: ['redis', 'mongodb'],
        env: { REDIS_URL: 'not a url', MONGODB_URI: stackEnv().MONGODB_URI },
        // A typo of `retry`.
        ...({ retries: { attempts: 2 } } as object),
      }),
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    const issues = (error as ConfigValidationError).issues.map((issue) => issue.source);
    expect(issues).toEqual(['DatabaseConfigModule.forRoot({ retries })', 'REDIS_URL']);
    expect(error.message).toMatch(/unknown option; known options are env, retry/);
    expect(openSockets()).toBeLessThanOrEqual(before);
  });

  it('a name that is not a store: reported at bootstrap with the store names', async () => {
    const error = await bootstrapError([
      DatabaseConfigModule.forRoot({ stores: ['redis', 'mysql' as 'redis'], env: stackEnv() }),
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain('"mysql" is not a store; stores are postgres, mongodb, redis, qdrant');
  });

  it('a Qdrant option without Qdrant among the stores', async () => {
    const error = await bootstrapError([
      DatabaseConfigModule.forRoot({ stores: ['redis'], env: stackEnv(), initializeCollections: true }),
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain(
      "qdrant DatabaseConfigModule.forRoot({ initializeCollections }): qdrant is not among the stores of this module, so initializeCollections has no effect (example: stores: ['redis', 'qdrant'])",
    );
  });

  it('a static option returned by the forRootAsync factory: said to go beside useFactory', async () => {
    const error = await bootstrapError([
      DatabaseConfigModule.forRootAsync({
        stores: ['redis'],
        useFactory: () => ({ env: stackEnv(), stores: ['redis', 'mongodb'] }) as object,
      }),
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain(
      'DatabaseConfigModule.forRootAsync({ useFactory }) returned { stores }: stores shapes the module, so it is read before the factory runs and this value is ignored',
    );
  });

  it("a per-store module given another store's option: unknown, with the options it knows", async () => {
    const error = await bootstrapError([
      RedisConfigModule.forRoot({ env: stackEnv(), ...({ prismaClient: PrismaClient } as object) }),
    ]);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.message).toContain(
      'RedisConfigModule.forRoot({ prismaClient }): unknown option; known options are env, retry, breaker, healthTimeoutMs, operationTimeoutMs, redis',
    );
  });

  it('a store down: its ConnectionError with the URL masked, and the store that connected is closed again', async () => {
    const before = openSockets();
    const redisUrl = unreachable('redis://:hunter2@localhost:6379/0');
    const error = await bootstrapError([
      DatabaseConfigModule.forRoot({
        stores: ['mongodb', 'redis'],
        env: { ...stackEnv(), REDIS_URL: redisUrl, REDIS_CONNECT_TIMEOUT_MS: '500' },
        retry: fastRetry,
      }),
    ]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toMatch(
      /^Could not connect to redis at redis:\/\/:\*\*\*\*@127\.0\.0\.1:1\/0 .* after 2 attempts/,
    );
    expect(error.message).not.toContain('hunter2');
    await vi.waitFor(() => expect(openSockets()).toBeLessThanOrEqual(before));
  });

  it('a store down in one per-store module closes the stores the other modules connected', async () => {
    const error = await bootstrapError([
      RedisConfigModule.forRoot({ env: { ...stackEnv(), REDIS_DB: '12' } }),
      mongodbModuleDown(),
    ]);
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain('Could not connect to mongodb at mongodb://127.0.0.1:1/');
    // Redis had connected first (MongoDB took its retries); the server has no client on its database left.
    await vi.waitFor(async () => expect(await redisClientsOn(12)).toBe(0));
  });

  it('a store client injected without its module: Nest names the module to import', async () => {
    @Injectable()
    class Cache {
      constructor(@InjectRedis() readonly redis: Redis) {}
    }
    const error = await bootstrapError([MongodbConfigModule.forRoot({ env: stackEnv() })], [Cache]);
    expect(error.message).toContain("Nest can't resolve dependencies of the Cache");
    expect(error.message).toContain(
      "provided by RedisConfigModule.forRoot(), or DatabaseConfigModule.forRoot() with 'redis' in its stores",
    );
  });

  it('a store service injected by class without its module: Nest names the class (the README maps it to its module)', async () => {
    @Injectable()
    class Cache {
      // What decorator metadata gives Nest for `constructor(readonly redis: RedisService)`.
      constructor(@Inject(RedisService) readonly redis: RedisService) {}
    }
    const error = await bootstrapError([MongodbConfigModule.forRoot({ env: stackEnv() })], [Cache]);
    expect(error.message).toContain(
      'Please make sure that the argument RedisService at index [0] is available in the RootTestModule module.',
    );
  });

  it('a store service provided by hand instead of importing its module: Nest names the module to import', async () => {
    const error = await bootstrapError([], [RedisService]);
    expect(error.message).toContain("Nest can't resolve dependencies of the RedisService");
    expect(error.message).toContain('provided by RedisConfigModule.forRoot()');
  });
});

describe('shutdown', () => {
  it('closes every store once; a second app.close() and a later close() are harmless', async () => {
    @Module({ imports: [DatabaseConfigModule.forRoot({ stores: ['redis', 'mongodb'], env: stackEnv() })] })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication();
    app.enableShutdownHooks();
    await app.init();
    const service = app.get(DatabaseManagerService);
    const close = vi.spyOn(service.manager, 'close');
    const redis = app.get(RedisService).client;
    await app.close();
    await app.close();
    await service.close();
    expect(close).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(redis.status).toBe('end'));
  });

  it('PostgreSQL via DatabaseConfigModule with its client class connects and closes', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseConfigModule.forRoot({ stores: ['postgres'], env: stackEnv(), prismaClient: PrismaClient }),
      ],
    }).compile();
    const service = moduleRef.get(DatabaseManagerService<PrismaClient>);
    expect(await service.manager.prisma.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    await moduleRef.close();
  });
});

/** A MongoDB module pointing at a port nothing listens on. */
function mongodbModuleDown() {
  return MongodbConfigModule.forRoot({
    env: { MONGODB_URI: unreachable(inject('stack').mongodbUri), MONGODB_SERVER_SELECTION_TIMEOUT_MS: '500' },
    retry: fastRetry,
  });
}

/** How many clients the Redis server has on logical database `db` (each module's own, in these tests). */
async function redisClientsOn(db: number): Promise<number> {
  const checker = new IORedis(inject('stack').redisUrl);
  try {
    const list = String(await checker.call('CLIENT', 'LIST'));
    return list.split('\n').filter((line) => line.includes(` db=${db} `)).length;
  } finally {
    checker.disconnect();
  }
}
