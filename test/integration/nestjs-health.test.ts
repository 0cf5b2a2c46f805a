import { Controller, Get, Inject, Module } from '@nestjs/common';
import { HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { Test } from '@nestjs/testing';
import { Redis } from 'ioredis';
import request from 'supertest';
import { describe, expect, inject, it, vi } from 'vitest';
import { StateError } from 'database-config';
import {
  DatabaseConfigModule,
  DatabaseHealthIndicator,
  DatabaseHealthModule,
  MongodbConfigModule,
  RedisConfigModule,
  RedisService,
} from 'database-config/nestjs';
import { stackEnv } from './helpers.js';

describe('terminus health indicators', () => {
  it('DatabaseHealthModule with controller: GET /health is 200 with every store up, 503 naming the store that is down', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RedisConfigModule.forRoot({ env: stackEnv() }),
        MongodbConfigModule.forRoot({ env: stackEnv() }),
        DatabaseHealthModule.forRoot({ controller: true }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();

    const up = await request(app.getHttpServer()).get('/health');
    expect(up.status).toBe(200);
    expect(up.body).toMatchObject({
      status: 'ok',
      info: { redis: { status: 'up', circuit: 'closed' }, mongodb: { status: 'up', circuit: 'closed' } },
    });
    expect(up.body.info.redis.latencyMs).toBeGreaterThan(0);
    expect(JSON.stringify(up.body)).not.toContain('redis://');

    // The Redis client goes away (as when the server drops it): the check fails, the endpoint says so.
    app.get(RedisService).client.disconnect();
    const down = await request(app.getHttpServer()).get('/health');
    expect(down.status).toBe(503);
    expect(down.body).toMatchObject({
      status: 'error',
      info: { mongodb: { status: 'up' } },
      error: { redis: { status: 'down' } },
    });
    expect(down.body.error.redis.message).toEqual(expect.any(String));
    await app.close();
  });

  it('the indicator in your own terminus controller, one store under a key of yours', async () => {
    @Controller('ready')
    class ReadyController {
      constructor(
        @Inject(HealthCheckService) private readonly health: HealthCheckService,
        @Inject(DatabaseHealthIndicator) private readonly db: DatabaseHealthIndicator,
      ) {}

      @Get()
      check(): Promise<HealthCheckResult> {
        return this.health.check([() => this.db.isHealthy('postgres', 'database')]);
      }
    }
    @Module({
      imports: [
        DatabaseConfigModule.forRoot({
          stores: ['postgres', 'qdrant'],
          env: stackEnv(),
          prismaClient: (await import('../../prisma/generated/client.js')).PrismaClient,
        }),
        DatabaseHealthModule.forRoot(),
      ],
      controllers: [ReadyController],
    })
    class AppModule {}
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const indicator = app.get(DatabaseHealthIndicator);
    expect(indicator.stores).toEqual(['postgres', 'qdrant']);
    expect(await indicator.checkAll()).toMatchObject({
      postgres: { status: 'up' },
      qdrant: { status: 'up' },
    });
    const response = await request(app.getHttpServer()).get('/ready');
    expect(response.status).toBe(200);
    expect(response.body.details).toEqual({ database: expect.objectContaining({ status: 'up' }) });
    // No /health route without the controller option.
    expect((await request(app.getHttpServer()).get('/health')).status).toBe(404);
    await expect(indicator.isHealthy('redis')).rejects.toThrow(/found no module connecting redis/);
    await app.close();
  });

  it('DatabaseHealthModule beside a module it cannot see (isGlobal: false) fails the bootstrap and closes that module', async () => {
    // The module's Redis connection is told apart on the server by its logical database.
    const env = { ...stackEnv(), REDIS_DB: '11' };
    const checker = new Redis(inject('stack').redisUrl);
    const onDb11 = async () =>
      String(await checker.call('CLIENT', 'LIST'))
        .split('\n')
        .filter((line) => / db=11 /.test(line)).length;
    try {
      const error = await Test.createTestingModule({
        imports: [RedisConfigModule.forRoot({ env, isGlobal: false }), DatabaseHealthModule.forRoot()],
      })
        .compile()
        .catch((thrown: unknown) => thrown);
      expect(error).toBeInstanceOf(StateError);
      expect((error as Error).message).toContain('with isGlobal: true (the default)');
      await new Promise((resolve) => setTimeout(resolve, 300));
      await vi.waitFor(async () => expect(await onDb11()).toBe(0));
    } finally {
      checker.disconnect();
    }
  });

  it('DatabaseHealthModule without any database module fails the bootstrap saying what to import', async () => {
    const error = await Test.createTestingModule({ imports: [DatabaseHealthModule.forRoot()] })
      .compile()
      .catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(StateError);
    expect((error as Error).message).toContain('DatabaseHealthModule found no connected store');
    expect((error as Error).message).toContain('import DatabaseConfigModule.forRoot()');
  });
});
