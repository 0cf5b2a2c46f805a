import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import type { Redis } from 'ioredis';
import { describe, expect, inject, it, vi } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { DatabaseManager, StateError } from 'database-config';
import { setTestOverrides } from 'database-config/internal';
import {
  DatabaseConfigModule,
  DatabaseManagerService,
  InjectDatabaseManager,
  InjectRedis,
  MongodbService,
  PrismaService,
  QdrantService,
  RedisConfigModule,
  RedisService,
  getDatabaseToken,
  type RedisConfigModuleOptions,
} from 'database-config/nestjs';
import { openSockets, stackEnv } from './helpers.js';

@Injectable()
class Consumer {
  constructor(
    @InjectRedis() readonly redis: Redis,
    @InjectDatabaseManager() readonly manager: DatabaseManager,
  ) {}
}

describe('DatabaseConfigModule against the real stores', () => {
  it('connects the four stores at bootstrap, injects their clients and services, and closes them at shutdown', async () => {
    const before = openSockets();
    @Module({
      imports: [DatabaseConfigModule.forRoot({ env: stackEnv(), prismaClient: PrismaClient })],
      providers: [Consumer],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication();
    await app.init();

    const prisma = app.get<PrismaService<PrismaClient>>(PrismaService);
    expect(await prisma.client.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    const mongo = app.get(MongodbService);
    expect((await mongo.client.db!.admin().ping()).ok).toBe(1);
    const redis = app.get(RedisService);
    await redis.client.set('nest:key', 'value');
    expect(await redis.execute((client) => client.get('nest:key'))).toBe('value');
    const qdrant = app.get(QdrantService);
    expect(Array.isArray((await qdrant.client.getCollections()).collections)).toBe(true);

    const consumer = app.get(Consumer);
    expect(consumer.redis).toBe(redis.client);
    expect(consumer.manager).toBeInstanceOf(DatabaseManager);
    expect(app.get(getDatabaseToken('postgres'))).toBe(prisma.client);
    expect((await app.get(DatabaseManagerService).health()).status).toBe('up');

    const connection = mongo.client;
    await app.close();
    expect(() => consumer.manager.redis).toThrow(StateError);
    expect(connection.readyState).toBe(0);
    await vi.waitFor(() => expect(consumer.redis.status).toBe('end'));
    await app.close();
    await vi.waitFor(() => expect(openSockets()).toBeLessThanOrEqual(before));
  });

  it('forRootAsync from ConfigService with static stores; isGlobal: false keeps the clients to the importing module', async () => {
    @Injectable()
    class Reader {
      constructor(@InjectRedis() readonly redis: Redis) {}
    }
    @Module({
      imports: [
        DatabaseConfigModule.forRootAsync({
          stores: ['redis'],
          isGlobal: false,
          imports: [
            ConfigModule.forRoot({
              ignoreEnvFile: true,
              load: [() => ({ REDIS_URL: stackEnv().REDIS_URL, REDIS_DB: 3 })],
            }),
          ],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({ env: config }),
        }),
      ],
      providers: [Reader],
      exports: [Reader],
    })
    class FeatureModule {}
    @Injectable()
    class Outsider {
      constructor(@InjectRedis() readonly redis: Redis) {}
    }
    @Module({ imports: [FeatureModule], providers: [Outsider] })
    class AppModule {}
    const error = await Test.createTestingModule({ imports: [AppModule] })
      .compile()
      .catch((thrown: unknown) => thrown);
    expect((error as Error).message).toContain("Nest can't resolve dependencies of the Outsider");

    const moduleRef = await Test.createTestingModule({ imports: [FeatureModule] }).compile();
    const { redis } = moduleRef.get(Reader);
    // A number from ConfigService's load becomes the variable's string.
    expect(redis.options.db).toBe(3);
    expect(await redis.ping()).toBe('PONG');
    expect(moduleRef.get(DatabaseManagerService).manager.stores).toEqual(['redis']);
    await moduleRef.close();
  });
});

describe('forRootAsync with useClass', () => {
  it('takes the options from the create() of a class Nest instantiates', async () => {
    @Injectable()
    class RedisOptions {
      create(): RedisConfigModuleOptions {
        return { env: stackEnv(), redis: { keyPrefix: 'from-class:' } };
      }
    }
    const moduleRef = await Test.createTestingModule({
      imports: [RedisConfigModule.forRootAsync({ useClass: RedisOptions })],
    }).compile();
    expect(moduleRef.get(RedisService).client.options.keyPrefix).toBe('from-class:');
    await moduleRef.close();
  });
});

describe('under the test fixtures', () => {
  it("the modules get the running test's namespaces through the library's overrides, with no overrideProvider", async () => {
    setTestOverrides({
      env: { REDIS_URL: inject('stack').redisUrl, REDIS_DB: '5' },
      redisKeyPrefix: 'worker7:',
      qdrantCollectionPrefix: 'worker7_',
    });
    try {
      // The app's own environment points elsewhere; the overrides win, as they do for loadDatabaseConfig.
      const moduleRef = await Test.createTestingModule({
        imports: [
          DatabaseConfigModule.forRoot({
            stores: ['redis', 'qdrant'],
            env: {
              REDIS_URL: 'redis://app-redis:6379/0',
              REDIS_KEY_PREFIX: 'app:',
              QDRANT_URL: stackEnv().QDRANT_URL,
            },
          }),
        ],
      }).compile();
      const redis = moduleRef.get(RedisService).client;
      expect(redis.options).toMatchObject({ db: 5, keyPrefix: 'worker7:app:' });
      expect(moduleRef.get(QdrantService).collectionName('products')).toBe('worker7_products');
      await moduleRef.close();
    } finally {
      setTestOverrides(undefined);
    }
  });
});
