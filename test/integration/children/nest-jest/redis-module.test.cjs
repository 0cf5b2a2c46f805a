// Run by test/integration/nestjs-runtime.test.ts; DBC_STACK_ENV holds the stores' variables.
const { expect, test } = require('@jest/globals');
const { Module } = require('@nestjs/common');
const { Test } = require('@nestjs/testing');
const { ConfigValidationError } = require('database-config');
const {
  CollectionInitializerService,
  DatabaseConfigModule,
  DatabaseHealthIndicator,
  DatabaseHealthModule,
  DatabaseManagerService,
  QdrantService,
  RedisConfigModule,
  RedisService,
} = require('database-config/nestjs');

const env = JSON.parse(process.env.DBC_STACK_ENV ?? '{}');

test('RedisConfigModule connects, serves and closes under Jest', async () => {
  class AppModule {}
  Module({ imports: [RedisConfigModule.forRoot({ env })] })(AppModule);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  const redis = moduleRef.get(RedisService);
  expect(await redis.client.ping()).toBe('PONG');
  expect((await redis.health()).status).toBe('up');
  await moduleRef.close();
  expect(() => redis.client).toThrow(/manager is closed/);
});

test('every provider of the built package resolves with no decorator metadata: manager, Qdrant initializer, health', async () => {
  class AppModule {}
  Module({
    imports: [
      DatabaseConfigModule.forRoot({
        stores: ['redis', 'qdrant'],
        env: { ...env, QDRANT_COLLECTION_PREFIX: `jest${process.pid}_` },
        collections: [{ name: 'notes', vectors: { size: 2, distance: 'Dot' } }],
        initializeCollections: true,
      }),
      DatabaseHealthModule.forRoot({ controller: true }),
    ],
  })(AppModule);
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
  await moduleRef.init();
  const created = moduleRef.get(CollectionInitializerService).report.created;
  expect(created.length + moduleRef.get(CollectionInitializerService).report.unchanged.length).toBe(1);
  expect(await moduleRef.get(DatabaseHealthIndicator).checkAll()).toMatchObject({
    redis: { status: 'up' },
    qdrant: { status: 'up' },
  });
  const qdrant = moduleRef.get(QdrantService);
  await qdrant.client.deleteCollection(qdrant.collectionName('notes'));
  expect(moduleRef.get(DatabaseManagerService).manager.stores).toEqual(['redis', 'qdrant']);
  await moduleRef.close();
});

test('a validation error is the ConfigValidationError of database-config', async () => {
  const error = await Test.createTestingModule({
    imports: [DatabaseConfigModule.forRoot({ stores: ['redis'], env: { REDIS_URL: 'nope' } })],
  })
    .compile()
    .catch((thrown) => thrown);
  expect(error).toBeInstanceOf(ConfigValidationError);
});
