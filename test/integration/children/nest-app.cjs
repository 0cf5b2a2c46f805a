// Runs in a child process: a plain CommonJS Nest app (no decorators, no transform) requiring the
// built package, as a Nest CJS project or Jest's CommonJS mode does.
const { Module } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { MissingPeerDependencyError } = require('database-config');
const {
  DatabaseHealthModule,
  RedisConfigModule,
  RedisService,
  getDatabaseToken,
} = require('database-config/nestjs');

const print = (line) => process.stdout.write(`${JSON.stringify(line)}\n`);
const env = JSON.parse(process.env.DBC_STACK_ENV ?? '{}');

class AppModule {}
Module({ imports: [RedisConfigModule.forRoot({ env })] })(AppModule);

(async () => {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  const redis = app.get(RedisService);
  print({
    ok: true,
    step: 'redis',
    pong: await redis.client.ping(),
    shared: app.get(getDatabaseToken('redis')) === redis.client,
  });
  await app.close();
  await DatabaseHealthModule.forRoot().then(
    () => print({ ok: true }),
    (error) =>
      print({
        ok: false,
        name: error.name,
        instance: error instanceof MissingPeerDependencyError,
        message: error.message,
      }),
  );
})();
