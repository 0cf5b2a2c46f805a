import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { inject, test as baseTest } from 'vitest';
import type { PrismaClientConstructor } from '../config/postgres/postgres-client.js';
import { currentWorkerId } from '../fixtures/worker-id.js';
import { WorkerDatabases, type IsolationOptions, type WorkerNames } from '../fixtures/worker-databases.js';
import { StoreNotConfiguredError } from '../errors.js';
import { setCurrentScope } from '../fixtures/current-scope.js';

/** Options of {@link databaseTest}. */
export interface DatabaseTestOptions<P> {
  /** Your generated Prisma 7 client class; the `prisma` fixture is an instance of it. */
  prismaClient?: PrismaClientConstructor<P>;
  /** Registers your mongoose models on the worker's connection. */
  mongooseModels?: (connection: Connection) => void;
}

/** The stores of one scope (a file's `beforeAll`, or a test), created on first use. */
export interface Databases<P> {
  prisma(): Promise<P>;
  mongo(): Promise<Connection>;
  redis(): Promise<Redis>;
  qdrant(): Promise<QdrantClient>;
  /** The worker's namespaces: PostgreSQL and MongoDB database, Redis db index, Qdrant collection prefix. */
  names: WorkerNames;
  /** The PostgreSQL URL the current test's statements go to (the worker's database, or the test's fresh one). */
  postgresUrl(): Promise<string>;
}

function handle<P>(
  worker: WorkerDatabases,
  prisma: () => Promise<P>,
  mongo: () => Promise<Connection>,
): Databases<P> {
  return {
    prisma,
    mongo,
    redis: async () => (await worker.redis()).client,
    qdrant: async () => (await worker.qdrant()).client,
    names: worker.names,
    postgresUrl: async () => (await worker.postgres()).url,
  };
}

/**
 * A Vitest `test` with database fixtures, for the stack the `databaseFixtures()` plugin started:
 * `prisma`, `mongo`, `redis`, `qdrant` (each created on first use, bound to the worker's namespace,
 * reset after every test), `db` (all of them and the names) and, for `beforeAll` data, `dbFile`.
 *
 * @example
 * export const test = databaseTest({ prismaClient: PrismaClient });
 * test('creates a user', async ({ prisma }) => { await prisma.user.create({ data }) });
 */
export function databaseTest<P = never>(options: DatabaseTestOptions<P> = {}) {
  const prismaOf = (worker: WorkerDatabases) => {
    if (!options.prismaClient) {
      throw new StoreNotConfiguredError(
        'postgres',
        'The prisma fixture needs your client class: databaseTest({ prismaClient: PrismaClient }).',
      );
    }
    return worker.prismaClient(options.prismaClient);
  };
  return baseTest.extend<{
    $worker: {
      dbWorker: WorkerDatabases;
      workerPrisma: () => Promise<P>;
      workerMongo: () => Promise<Connection>;
    };
    $file: { dbFile: Databases<P> };
    $test: {
      isolation: IsolationOptions;
      db: Databases<P>;
      prisma: P;
      mongo: Connection;
      redis: Redis;
      qdrant: QdrantClient;
    };
  }>({
    dbWorker: [
      // eslint-disable-next-line no-empty-pattern -- Vitest reads a fixture's dependencies from this pattern
      async ({}, use) => {
        const config = inject('databaseFixturesConfig');
        const worker = new WorkerDatabases(
          inject('databaseStack'),
          currentWorkerId(),
          config.isolation ?? {},
        );
        await use(worker);
        await worker.close();
      },
      { scope: 'worker' },
    ],
    // Clients created once per worker, on first use; the scopes route them per test.
    workerPrisma: [
      async ({ dbWorker }, use) => {
        let client: Promise<P> | undefined;
        await use(() => (client ??= prismaOf(dbWorker)));
        if (client) await ((await client) as { $disconnect(): Promise<void> }).$disconnect();
      },
      { scope: 'worker' },
    ],
    workerMongo: [
      async ({ dbWorker }, use) => {
        let connection: Promise<Connection> | undefined;
        await use(
          () =>
            (connection ??= dbWorker.mongooseConnection().then((c) => {
              options.mongooseModels?.(c);
              return c;
            })),
        );
        if (connection) await (await connection).close();
      },
      { scope: 'worker' },
    ],
    dbFile: [
      async ({ dbWorker, workerPrisma, workerMongo }, use) => {
        const databases = handle(dbWorker, workerPrisma, workerMongo);
        dbWorker.beginFile();
        setCurrentScope({ kind: 'file', name: 'beforeAll', ...databases });
        await use(databases);
        setCurrentScope(undefined);
        await dbWorker.endFile();
      },
      { scope: 'file' },
    ],
    isolation: {},
    db: async ({ dbFile, dbWorker, isolation, task, onTestFailed }, use) => {
      const name = task.fullTestName ?? task.name;
      let failed = false;
      onTestFailed(() => {
        failed = true;
      });
      await dbWorker.beginTest(isolation);
      setCurrentScope({ kind: 'test', name, ...dbFile });
      try {
        await use(dbFile);
      } finally {
        setCurrentScope({ kind: 'file', name: task.file.name, ...dbFile });
      }
      await dbWorker.endTest(name, failed);
    },
    prisma: async ({ db }, use) => use(await db.prisma()),
    mongo: async ({ db }, use) => use(await db.mongo()),
    redis: async ({ db }, use) => use(await db.redis()),
    qdrant: async ({ db }, use) => use(await db.qdrant()),
  });
}
