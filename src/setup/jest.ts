import { StateError } from 'database-config/internal';
import { scopeDatabases, type Databases, type ProjectClients } from '../fixtures/scope-databases.js';
import { acquireWorker } from '../fixtures/shared-worker.js';
import { currentWorkerId } from '../fixtures/worker-id.js';
import type { WorkerDatabases } from '../fixtures/worker-databases.js';
import { checkIsolationOptions, type IsolationOptions } from '../fixtures/isolation-options.js';
import { readJestFixturesConfig, readJestStack } from './jest-config.js';
import { jestFileState } from './jest-file-state.js';
import { setCurrentScope } from '../fixtures/current-scope.js';

/** Options of {@link useDatabases}. */
export interface UseDatabasesOptions<P> extends ProjectClients<P> {
  /** Reset strategies of this file's tests (over the preset's defaults). */
  isolation?: IsolationOptions;
}

/** The stores of the running Jest test file, each created on first use and reset after every test. */
export type JestDatabases<P> = Databases<P>;

/** @internal The worker of this Jest process, acquired by the first file that uses a store. */
export function jestWorker(): WorkerDatabases {
  const file = jestFileState();
  if (!file.worker) {
    const { worker, release } = acquireWorker(
      readJestStack(),
      currentWorkerId(),
      readJestFixturesConfig().isolation ?? {},
    );
    Object.assign(file, { worker, release, uses: true });
  }
  return file.worker!;
}

/** @internal The running file's clients (for the current scope and for closing). */
export function fileDatabases(project: ProjectClients<unknown> = {}): Databases<unknown> & {
  close(): Promise<void>;
} {
  const file = jestFileState();
  return (file.clients ??= scopeDatabases(
    jestWorker(),
    project,
    'useDatabases({ prismaClient: PrismaClient })',
  ));
}

/**
 * The database helpers of a Jest test file: typed getters for the stores, bound to the worker's
 * namespaces and reset after every test by the preset's hooks. Call it once, at the top level of
 * the file.
 *
 * @example
 * const db = useDatabases({ prismaClient: PrismaClient });
 * test('creates a user', async () => { await (await db.prisma()).user.create({ data }) });
 */
export function useDatabases<P = never>(options: UseDatabasesOptions<P> = {}): JestDatabases<P> {
  const file = jestFileState();
  if (file.hooksStarted || file.clientsDeclared) {
    throw new StateError({
      operation: 'useDatabases()',
      state: file.hooksStarted ? 'inside a test or a hook' : 'declared already',
      allowed: ['the top level of a test file, once'],
    });
  }
  const { isolation, ...project } = options;
  file.isolation = checkIsolationOptions(isolation, 'useDatabases({ isolation })');
  // Application code imported above may have opened a store at module load, which scoped the file
  // with clients knowing no Prisma class: this file's own take their place.
  const earlier = file.clients;
  file.clients = undefined;
  file.clientsDeclared = true;
  const { close: _close, ...databases } = fileDatabases(project as ProjectClients<unknown>);
  if (earlier) {
    void earlier.close();
    setCurrentScope({ kind: 'file', name: 'beforeAll', ...databases });
  }
  return databases as JestDatabases<P>;
}
