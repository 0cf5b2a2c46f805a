// Run by test/integration/nestjs-runtime.test.ts; DBC_STACK_ENV holds the stores' variables.
const { expect, test } = require('@jest/globals');
const { Module } = require('@nestjs/common');
const { Test } = require('@nestjs/testing');
const { ConfigValidationError } = require('database-config');
const { DatabaseConfigModule, RedisConfigModule, RedisService } = require('database-config/nestjs');

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

test('a validation error is the ConfigValidationError of database-config', async () => {
  const error = await Test.createTestingModule({
    imports: [DatabaseConfigModule.forRoot({ stores: ['redis'], env: { REDIS_URL: 'nope' } })],
  })
    .compile()
    .catch((thrown) => thrown);
  expect(error).toBeInstanceOf(ConfigValidationError);
});
