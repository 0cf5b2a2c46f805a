import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { inject, test as baseTest } from 'vitest';
import { currentWorkerId } from '../fixtures/worker-id.js';
import type { IsolationOptions, WorkerDatabases } from '../fixtures/worker-databases.js';
import { scopeDatabases, type Databases, type ProjectClients } from '../fixtures/scope-databases.js';
import { setCurrentScope } from '../fixtures/current-scope.js';
import { acquireWorker } from '../fixtures/shared-worker.js';
import { describeFactorySeed } from '../factories/faker-seed.js';
import { StateError } from '../errors.js';

/** Options of {@link databaseTest}. */
export interface DatabaseTestOptions<P, F = undefined> extends ProjectClients<P> {
  /** Your TestDataManager (database-config/factories); the `factories` fixture hands it out. */
  factories?: F;
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
export function databaseTest<P = never, F = undefined>(options: DatabaseTestOptions<P, F> = {}) {
  return baseTest.extend<{
    $worker: { dbWorker: WorkerDatabases; workerClients: Databases<P> & { close(): Promise<void> } };
    $file: { dbFile: Databases<P> };
    $test: {
      isolation: IsolationOptions;
      db: Databases<P>;
      prisma: P;
      mongo: Connection;
      redis: Redis;
      qdrant: QdrantClient;
      factories: NonNullable<F>;
    };
  }>({
    dbWorker: [
      // eslint-disable-next-line no-empty-pattern -- Vitest reads a fixture's dependencies from this pattern
      async ({}, use) => {
        const config = inject('databaseFixturesConfig');
        const { worker, release } = acquireWorker(
          inject('databaseStack'),
          currentWorkerId(),
          config.isolation ?? {},
        );
        await use(worker);
        await release();
      },
      { scope: 'worker' },
    ],
    // Clients created once per worker, on first use; the scopes route them per test.
    workerClients: [
      async ({ dbWorker }, use) => {
        const clients = scopeDatabases(dbWorker, options, 'databaseTest({ prismaClient: PrismaClient })');
        await use(clients);
        await clients.close();
      },
      { scope: 'worker' },
    ],
    dbFile: [
      async ({ dbWorker, workerClients }, use) => {
        const { close: _close, ...databases } = workerClients;
        dbWorker.beginFile();
        setCurrentScope({ kind: 'file', name: 'beforeAll', ...databases });
        await use(databases);
        setCurrentScope(undefined);
        await dbWorker.endFile();
      },
      { scope: 'file' },
    ],
    isolation: {},
    // Automatic, so that every test has its own scope, even one that asks for no fixture and
    // creates data through the factories.
    db: [
      async ({ dbFile, dbWorker, isolation, task, onTestFailed }, use) => {
        const name = task.fullTestName ?? task.name;
        let failed = false;
        onTestFailed(() => {
          failed = true;
          process.stderr.write(`${describeFactorySeed(name)}\n`);
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
      { auto: true },
    ],
    factories: async ({ db: _db }, use) => {
      if (!options.factories) {
        throw new StateError(
          'The factories fixture needs your TestDataManager: databaseTest({ factories: testData }).',
        );
      }
      await use(options.factories as NonNullable<F>);
    },
    prisma: async ({ db }, use) => use(await db.prisma()),
    mongo: async ({ db }, use) => use(await db.mongo()),
    redis: async ({ db }, use) => use(await db.redis()),
    qdrant: async ({ db }, use) => use(await db.qdrant()),
  });
}
