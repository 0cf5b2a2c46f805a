import { Test } from '@nestjs/testing';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { DatabaseMonitor } from 'database-config';
import {
  DatabaseConfigModule,
  DatabaseManagerService,
  DatabaseMonitorModule,
  DatabaseMonitorService,
  MongodbConfigModule,
  PrismaService,
  RedisConfigModule,
  RedisService,
} from 'database-config/nestjs';
import { stackEnv } from './helpers.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('DatabaseMonitorModule', () => {
  it('serves GET /metrics in the Prometheus text format, counting what the app did, and closes with the app', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        DatabaseConfigModule.forRoot({
          stores: ['postgres', 'redis'],
          env: stackEnv(),
          prismaClient: PrismaClient,
        }),
        DatabaseMonitorModule.forRoot({ metrics: true, intervalMs: 50 }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const redis = app.get(RedisService).client;
    for (let i = 0; i < 3; i += 1) await redis.get(`nest-monitor:${i}`);
    await app.get<PrismaService<PrismaClient>>(PrismaService).client.$queryRawUnsafe('SELECT 1 AS one');
    const service = app.get(DatabaseMonitorService);
    expect(service.snapshot().stores.redis!.operations.byKind.get!.count).toBe(3);

    const response = await request(app.getHttpServer()).get('/metrics');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('text/plain; version=0.0.4; charset=utf-8');
    expect(response.text).toContain('# TYPE db_client_operation_duration_seconds histogram');
    expect(response.text).toMatch(
      /^db_client_operation_duration_seconds_count\{db_system_name="redis",db_operation_name="get"\} 3$/m,
    );
    expect(response.text).toMatch(
      /^db_client_connection_max\{db_system_name="postgresql",db_client_connection_pool_name="postgres"\} \d+$/m,
    );

    const manager = app.get(DatabaseManagerService).manager;
    await app.close();
    // The app's monitor let go of the manager: another can attach.
    await DatabaseMonitor.attach(manager).close();
  });

  it('watches the stores of per-store modules (one manager each), with no endpoint unless asked', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RedisConfigModule.forRoot({ env: stackEnv() }),
        MongodbConfigModule.forRoot({ env: stackEnv() }),
        DatabaseMonitorModule.forRoot({ intervalMs: 20 }),
      ],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false });
    await app.init();
    const service = app.get(DatabaseMonitorService);
    expect(service.monitor.stores).toEqual(['mongodb', 'redis']);
    const deadline = performance.now() + 20_000;
    while (!(service.snapshot().stores.redis?.health && service.snapshot().stores.mongodb?.health)) {
      if (performance.now() > deadline) throw new Error('no health sample of both stores within 20 s');
      await sleep(20);
    }
    expect(service.snapshot().stores).toMatchObject({
      redis: { health: { status: 'up' }, circuit: 'closed' },
      mongodb: { health: { status: 'up' }, circuit: 'closed' },
    });
    expect((await request(app.getHttpServer()).get('/metrics')).status).toBe(404);
    await app.close();
  });

  it('without any database module fails the bootstrap saying what to import', async () => {
    const error = await Test.createTestingModule({ imports: [DatabaseMonitorModule.forRoot()] })
      .compile()
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain(
      'DatabaseMonitorModule found no connected store: import DatabaseConfigModule.forRoot() or a per-store module',
    );
  });
});
