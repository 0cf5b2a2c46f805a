import { Injectable, Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { InjectModel, MongooseModule, Prop, Schema, SchemaFactory } from '@nestjs/mongoose';
import { Test } from '@nestjs/testing';
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection, Model } from 'mongoose';
import pg from 'pg';
import { describe, expect, it, vi } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import {
  CollectionInitializerService,
  InjectMongoConnection,
  InjectPrisma,
  InjectQdrant,
  InjectRedis,
  MongodbConfigModule,
  PostgresqlConfigModule,
  PrismaService,
  QdrantConfigModule,
  QdrantService,
  RedisConfigModule,
  RedisService,
  getDatabaseToken,
} from 'database-config/nestjs';
import { CollectionSchemaConflictError } from 'database-config';
import { openSockets, stackEnv } from './helpers.js';

const { Client } = pg;
const run = `nest${process.pid}`;

describe('per-store modules, each usable alone', () => {
  it('RedisConfigModule alone: the client and RedisService, the key prefix applied, closed at shutdown', async () => {
    @Injectable()
    class Cache {
      constructor(@InjectRedis() readonly redis: Redis) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [RedisConfigModule.forRoot({ env: stackEnv(), redis: { keyPrefix: `${run}:` } })],
      providers: [Cache],
    }).compile();
    await moduleRef.init();
    const { redis } = moduleRef.get(Cache);
    const service = moduleRef.get(RedisService);
    expect(service.client).toBe(redis);
    await redis.set('greeting', 'hello');
    expect(await service.execute((client) => client.get('greeting'))).toBe('hello');
    expect(redis.options.keyPrefix).toBe(`${run}:`);
    expect(service.circuit).toBe('closed');
    expect(await service.health()).toMatchObject({ status: 'up', circuit: 'closed' });
    // Only Redis: no other store's token is provided.
    expect(() => moduleRef.get(getDatabaseToken('postgres'))).toThrow();
    await moduleRef.close();
    await vi.waitFor(() => expect(redis.status).toBe('end'));
  });

  it('PostgresqlConfigModule.forRootAsync from ConfigService: PrismaService typed with the generated client', async () => {
    @Injectable()
    class Users {
      constructor(
        @InjectPrisma() readonly raw: PrismaClient,
        readonly prisma: PrismaService<PrismaClient>,
      ) {}
    }
    // Vitest's transform emits no decorator metadata: Users gets its dependencies from a factory.
    const moduleRef = await Test.createTestingModule({
      imports: [
        PostgresqlConfigModule.forRootAsync({
          imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [() => stackEnv()] })],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => ({
            env: config,
            prismaClient: PrismaClient,
            postgres: { applicationName: `${run}_prisma` },
          }),
        }),
      ],
      providers: [
        {
          provide: Users,
          inject: [getDatabaseToken('postgres'), PrismaService],
          useFactory: (raw: PrismaClient, prisma: PrismaService<PrismaClient>) => new Users(raw, prisma),
        },
      ],
    }).compile();
    await moduleRef.init();
    const { raw, prisma } = moduleRef.get(Users);
    expect(prisma.client === raw).toBe(true);
    expect(typeof raw.user.findMany).toBe('function');
    const [one] = await prisma.client.$transaction([
      prisma.client.$queryRawUnsafe<{ n: number }[]>('SELECT 1 AS n'),
    ]);
    expect(one).toEqual([{ n: 1 }]);
    const sessions = () =>
      raw.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${run}_prisma'`,
      );
    expect((await sessions())[0]!.n).toBeGreaterThan(0);
    await moduleRef.close();
    const pg = new Client({ connectionString: stackEnv().DATABASE_URL });
    await pg.connect();
    const { rows } = await pg.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = '${run}_prisma'`,
    );
    await pg.end();
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('MongodbConfigModule with mongooseConnection: MongooseModule.forFeature models and @InjectModel live on its connection', async () => {
    @Schema({ collection: `${run}_cats` })
    class Cat {
      @Prop({ type: String, required: true })
      name!: string;
    }
    const CatSchema = SchemaFactory.createForClass(Cat);
    @Injectable()
    class Cats {
      constructor(
        @InjectModel(Cat.name) readonly cats: Model<Cat>,
        @InjectMongoConnection() readonly connection: Connection,
      ) {}
    }
    @Module({
      imports: [MongooseModule.forFeature([{ name: Cat.name, schema: CatSchema }])],
      providers: [Cats],
      exports: [Cats],
    })
    class CatsModule {}
    const moduleRef = await Test.createTestingModule({
      imports: [MongodbConfigModule.forRoot({ env: stackEnv(), mongooseConnection: true }), CatsModule],
    }).compile();
    await moduleRef.init();
    const { cats, connection } = moduleRef.get(Cats);
    expect(cats.db).toBe(connection);
    await cats.create({ name: 'Tom' });
    expect(await connection.collection(`${run}_cats`).countDocuments({ name: 'Tom' })).toBe(1);
    await connection.collection(`${run}_cats`).drop();
    await moduleRef.close();
    expect(connection.readyState).toBe(0);
  });

  it('a named mongooseConnection: forFeature and @InjectModel with that connection name', async () => {
    @Schema({ collection: `${run}_dogs` })
    class Dog {
      @Prop({ type: String })
      name!: string;
    }
    @Injectable()
    class Dogs {
      constructor(@InjectModel(Dog.name, 'catalog') readonly dogs: Model<Dog>) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [
        MongodbConfigModule.forRoot({ env: stackEnv(), mongooseConnection: 'catalog' }),
        MongooseModule.forFeature([{ name: Dog.name, schema: SchemaFactory.createForClass(Dog) }], 'catalog'),
      ],
      providers: [Dogs],
    }).compile();
    await moduleRef.init();
    const { dogs } = moduleRef.get(Dogs);
    expect(dogs.db).toBe(moduleRef.get(getDatabaseToken('mongodb')));
    expect(await dogs.countDocuments()).toBe(0);
    await moduleRef.close();
  });

  it('QdrantConfigModule with initializeCollections: the collections exist after bootstrap, again idempotently', async () => {
    const collections = [
      {
        name: 'products',
        vectors: { size: 4, distance: 'Cosine' as const },
        payloadIndexes: { sku: 'keyword' as const },
      },
    ];
    const env = { ...stackEnv(), QDRANT_COLLECTION_PREFIX: `${run}_` };
    const boot = async () => {
      const moduleRef = await Test.createTestingModule({
        imports: [QdrantConfigModule.forRoot({ env, collections, initializeCollections: true })],
      }).compile();
      await moduleRef.init();
      return moduleRef;
    };
    const first = await boot();
    const qdrant = first.get(QdrantService);
    expect(qdrant.collectionName('products')).toBe(`${run}_products`);
    expect(first.get(CollectionInitializerService).report).toMatchObject({ created: [`${run}_products`] });
    expect((await qdrant.client.collectionExists(`${run}_products`)).exists).toBe(true);
    await first.close();

    const second = await boot();
    expect(second.get(CollectionInitializerService).report).toMatchObject({
      created: [],
      unchanged: [`${run}_products`],
    });
    const client = second.get<QdrantClient>(getDatabaseToken('qdrant'));
    await second.close();

    // A collection that differs from its schema fails the bootstrap, and nothing stays open.
    const before = openSockets();
    const conflicting = [{ name: 'products', vectors: { size: 8, distance: 'Cosine' as const } }];
    const moduleRef = await Test.createTestingModule({
      imports: [QdrantConfigModule.forRoot({ env, collections: conflicting, initializeCollections: true })],
    }).compile();
    const error = await moduleRef.init().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(CollectionSchemaConflictError);
    expect((error as Error).message).toMatch(/size: schema 8, collection 4/);
    await moduleRef.close();
    await vi.waitFor(() => expect(openSockets()).toBeLessThanOrEqual(before));
    await fetch(`${stackEnv().QDRANT_URL}/collections/${run}_products`, { method: 'DELETE' });
    expect(client).toBeDefined();
  });
});

describe('InjectQdrant', () => {
  it('gives the same client as QdrantService', async () => {
    @Injectable()
    class Search {
      constructor(@InjectQdrant() readonly qdrant: QdrantClient) {}
    }
    const moduleRef = await Test.createTestingModule({
      imports: [QdrantConfigModule.forRoot({ env: stackEnv() })],
      providers: [Search],
    }).compile();
    await moduleRef.init();
    expect(moduleRef.get(Search).qdrant).toBe(moduleRef.get(QdrantService).client);
    await moduleRef.close();
  });
});
