import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { inject, test as baseTest, TestRunner } from 'vitest';
import { currentWorkerId } from '../fixtures/worker-id.js';
import { assertPrismaClientConstructor } from 'database-config/internal';
import type { WorkerDatabases } from '../fixtures/worker-databases.js';
import { checkIsolationOptions, type IsolationOptions } from '../fixtures/isolation-options.js';
import { scopeDatabases, type Databases, type ProjectClients } from '../fixtures/scope-databases.js';
import { setCurrentScope, type CurrentScope } from '../fixtures/current-scope.js';
import { acquireWorker } from '../fixtures/shared-worker.js';
import { failedTestSeedLine } from '../factories/faker-seed.js';
import { FixturesNotSetUpError, SetupError, StateError } from 'database-config/internal';

/** Options of {@link databaseTest}. */
export interface DatabaseTestOptions<P, F = undefined> extends ProjectClients<P> {
  /** Your TestDataManager (database-config-testing/factories); the `factories` fixture hands it out. */
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
  // A wrong class fails where it is declared, before any test.
  if (options.prismaClient !== undefined)
    assertPrismaClientConstructor(options.prismaClient, 'databaseTest({ prismaClient })');
  const test = baseTest.extend<{
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
        const stack = inject('databaseStack');
        if (!config || !stack) {
          throw new FixturesNotSetUpError('databaseTest()', 'vitest');
        }
        const { worker, release } = acquireWorker(stack, currentWorkerId(), config.isolation ?? {});
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
    // `test.override({ isolation })` is taken over by scopeIsolationOverrides (below).
    isolation: {},
    // Automatic, so that every test has its own scope, even one that asks for no fixture and
    // creates data through the factories.
    db: [
      async ({ dbFile, dbWorker, isolation, task, onTestFailed }, use) => {
        const name = task.fullTestName ?? task.name;
        const scope: CurrentScope = { kind: 'test', name, ...dbFile };
        let failed = false;
        onTestFailed(() => {
          failed = true;
          process.stderr.write(failedTestSeedLine(scope));
        });
        await dbWorker.beginTest({ ...declaredIsolation(task), ...isolation });
        setCurrentScope(scope);
        try {
          await use(dbFile);
        } finally {
          setCurrentScope({ kind: 'file', name: 'afterEach', ...dbFile });
        }
        await dbWorker.endTest(name, failed);
      },
      { auto: true },
    ],
    factories: async ({ db: _db }, use) => {
      if (!options.factories) {
        throw new SetupError({ reason: 'factories-without-manager' });
      }
      await use(options.factories as NonNullable<F>);
    },
    prisma: async ({ db }, use) => use(await db.prisma()),
    mongo: async ({ db }, use) => use(await db.mongo()),
    redis: async ({ db }, use) => use(await db.redis()),
    qdrant: async ({ db }, use) => use(await db.qdrant()),
  });
  return scopeIsolationOverrides(test);
}

/** Isolation declared by `test.override({ isolation })`, per file or describe (the suite task it was declared in). */
const DECLARED = new WeakMap<object, IsolationOptions>();

type SuiteLike = { suite?: SuiteLike; file?: SuiteLike };

/** The isolation in force for a test: its file's declaration, overridden key by key by each enclosing describe's. */
function declaredIsolation(task: SuiteLike): IsolationOptions {
  const layers: IsolationOptions[] = [];
  for (let suite = task.suite; suite; suite = suite.suite) {
    const declared = DECLARED.get(suite);
    if (declared) layers.unshift(declared);
  }
  const file = task.file && DECLARED.get(task.file);
  // A file's own task can also be its top suite; it is counted once.
  if (file && !layers.includes(file)) layers.unshift(file);
  return Object.assign({}, ...layers) as IsolationOptions;
}

/**
 * Vitest applies a top-level `test.override()` to the extended test object itself, which every
 * later file of the worker shares when `isolate: false` (the module is cached): the isolation of
 * one file would leak into the next. So isolation overrides are validated here and kept per
 * declaring suite (the file, or a describe), where the `db` fixture reads them; other fixtures
 * go to Vitest as before.
 */
function scopeIsolationOverrides<T extends { override: (...args: never[]) => unknown }>(test: T): T {
  const original = test.override.bind(test) as (...args: unknown[]) => unknown;
  const override = function (this: unknown, fixturesOrName: unknown, ...rest: unknown[]) {
    let isolation: unknown;
    let others: unknown[] | undefined;
    if (typeof fixturesOrName === 'string') {
      if (fixturesOrName === 'isolation') isolation = rest.at(-1);
      else others = [fixturesOrName, ...rest];
    } else if (fixturesOrName && typeof fixturesOrName === 'object') {
      const { isolation: value, ...fixtures } = fixturesOrName as Record<string, unknown>;
      isolation = value;
      if (Object.keys(fixtures).length > 0) others = [fixtures, ...rest];
    }
    if (isolation !== undefined) {
      if (typeof isolation === 'function') {
        throw new StateError({
          operation: 'test.override({ isolation })',
          state: 'given a fixture function',
          allowed: ['given the options object'],
        });
      }
      const checked = checkIsolationOptions(isolation, 'test.override({ isolation })');
      const getCurrentSuite = (TestRunner as { getCurrentSuite?: () => { suite?: object; file?: object } })
        .getCurrentSuite;
      const collector = getCurrentSuite?.();
      const owner = collector?.suite ?? collector?.file;
      // Vitest 4 has no TestRunner.getCurrentSuite: its own override scoping applies there.
      if (owner) DECLARED.set(owner, { ...DECLARED.get(owner), ...checked });
      else original({ isolation: checked });
    }
    if (others) original(...others);
    return test;
  };
  Object.defineProperty(test, 'override', { value: override, configurable: true, writable: true });
  return test;
}
