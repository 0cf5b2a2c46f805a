// Runs in a child process (tsx, the sources): a Nest app as a user has it, in one of these modes,
// printing one JSON line per step.
//   no-terminus       Redis only, @nestjs/terminus hidden: the app works; DatabaseHealthModule rejects.
//   no-terminus-imported  DatabaseHealthModule.forRoot() in a module's imports, @nestjs/terminus hidden:
//                     the bootstrap rejects with the install command (no unhandled rejection before it).
//   no-nest-mongoose  mongooseConnection with @nestjs/mongoose hidden: the bootstrap fails.
//   signal            Redis, enableShutdownHooks(); waits for a signal, reports the stores closed.
import { Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  DatabaseConfigModule,
  DatabaseHealthModule,
  DatabaseManagerService,
  MongodbConfigModule,
  RedisConfigModule,
  RedisService,
} from 'database-config/nestjs';

const print = (line: object) => process.stdout.write(`${JSON.stringify(line)}\n`);
const failure = (error: unknown) => {
  const { name, message } = error as Error;
  return { ok: false, name, message };
};
const env = JSON.parse(process.env.DBC_STACK_ENV ?? '{}') as Record<string, string>;
const mode = process.argv[2];

if (mode === 'no-terminus') {
  @Module({ imports: [RedisConfigModule.forRoot({ env })] })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  print({ ok: true, step: 'redis', pong: await app.get(RedisService).client.ping() });
  await app.close();
  print(await DatabaseHealthModule.forRoot().then(() => ({ ok: true }), failure));
} else if (mode === 'no-terminus-imported') {
  // As apps write it: forRoot() called while the module is decorated, the bootstrap later.
  @Module({ imports: [RedisConfigModule.forRoot({ env }), DatabaseHealthModule.forRoot()] })
  class AppModule {}
  await new Promise((resolve) => setTimeout(resolve, 100));
  print(
    await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }).then(
      async (app) => {
        await app.close();
        return { ok: true };
      },
      failure,
    ),
  );
} else if (mode === 'no-nest-mongoose') {
  @Module({ imports: [MongodbConfigModule.forRoot({ env, mongooseConnection: true })] })
  class AppModule {}
  print(
    await NestFactory.createApplicationContext(AppModule, { logger: false, abortOnError: false }).then(
      async (app) => {
        await app.close();
        return { ok: true };
      },
      failure,
    ),
  );
} else if (mode === 'signal') {
  @Injectable()
  class Reporter implements OnApplicationShutdown {
    onApplicationShutdown(signal?: string) {
      print({ step: 'shutdown', signal });
    }
  }
  @Module({ imports: [DatabaseConfigModule.forRoot({ stores: ['redis'], env })], providers: [Reporter] })
  class AppModule {}
  const app = await NestFactory.createApplicationContext(AppModule, { logger: false });
  app.enableShutdownHooks();
  const { manager } = app.get(DatabaseManagerService);
  const close = manager.close.bind(manager);
  // Observes the close the module's shutdown hook makes (the process ends by the signal right after).
  manager.close = async () => {
    await close();
    const redis = (() => {
      try {
        return manager.redis.status;
      } catch (error) {
        return (error as Error).message;
      }
    })();
    print({ step: 'closed', redis });
  };
  print({ ok: true, step: 'ready', pong: await manager.redis.ping() });
  setInterval(() => undefined, 60_000);
}
