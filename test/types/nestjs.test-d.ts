import type { DynamicModule } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { describe, expectTypeOf, it } from 'vitest';
import { PrismaClient, type Prisma } from '../../prisma/generated/client.js';
import type { DatabaseManager, StoreHealth } from 'database-config';
import type {
  DatabaseHealthIndicator,
  DatabaseManagerService,
  MongodbService,
  PrismaService,
  QdrantService,
  RedisService,
} from 'database-config/nestjs';
import {
  DatabaseConfigModule,
  PostgresqlConfigModule,
  RedisConfigModule,
  getDatabaseToken,
} from 'database-config/nestjs';

declare const prisma: PrismaService<PrismaClient>;

describe('NestJS module types', () => {
  it('PrismaService<PrismaClient> has the generated model delegates and $transaction', () => {
    expectTypeOf(prisma.client).toEqualTypeOf<PrismaClient>();
    expectTypeOf(prisma.client.user.findMany()).resolves.toEqualTypeOf<Prisma.UserModel[]>();
    expectTypeOf(prisma.client.$transaction([prisma.client.user.count()])).resolves.toEqualTypeOf<[number]>();
    expectTypeOf(prisma.client.$transaction(async (tx) => tx.order.count())).resolves.toEqualTypeOf<number>();
    expectTypeOf(prisma.execute((client) => client.user.count())).resolves.toEqualTypeOf<number>();
    expectTypeOf(prisma.health()).resolves.toEqualTypeOf<StoreHealth>();
  });

  it('a model the schema does not have is a compile error', () => {
    // @ts-expect-error -- the example schema has no `invoice` model
    void prisma.client.invoice;
  });

  it("the other services' clients are the stores' client types", () => {
    expectTypeOf<MongodbService['client']>().toEqualTypeOf<Connection>();
    expectTypeOf<RedisService['client']>().toEqualTypeOf<Redis>();
    expectTypeOf<QdrantService['client']>().toEqualTypeOf<QdrantClient>();
    expectTypeOf<DatabaseManagerService<PrismaClient>['manager']>().toEqualTypeOf<
      DatabaseManager<PrismaClient>
    >();
  });

  it('forRoot options: the Prisma client class is required by PostgresqlConfigModule, stores are store names', () => {
    expectTypeOf(
      PostgresqlConfigModule.forRoot({ prismaClient: PrismaClient }),
    ).toEqualTypeOf<DynamicModule>();
    // @ts-expect-error -- PostgresqlConfigModule needs the generated client class
    PostgresqlConfigModule.forRoot({});
    // @ts-expect-error -- not a store
    DatabaseConfigModule.forRoot({ stores: ['mysql'] });
    // @ts-expect-error -- a per-store module has no `stores`
    RedisConfigModule.forRoot({ stores: ['redis'] });
    expectTypeOf(
      DatabaseConfigModule.forRootAsync({
        stores: ['redis'],
        inject: ['CONFIG'],
        useFactory: (env: Record<string, string>) => ({ env }),
      }),
    ).toEqualTypeOf<DynamicModule>();
  });

  it('tokens are strings; indicators return terminus results', () => {
    expectTypeOf(getDatabaseToken('redis')).toEqualTypeOf<string>();
    // @ts-expect-error -- not a token kind
    getDatabaseToken('mysql');
    expectTypeOf<DatabaseHealthIndicator['isHealthy']>()
      .parameter(0)
      .toEqualTypeOf<'postgres' | 'mongodb' | 'redis' | 'qdrant'>();
    expectTypeOf<
      ReturnType<DatabaseHealthIndicator['checkAll']>
    >().resolves.toEqualTypeOf<HealthIndicatorResult>();
  });
});
