import { StateError } from '../errors.js';
import { scopeDatabases, type Databases, type ProjectClients } from '../fixtures/scope-databases.js';
import type { IsolationOptions, WorkerDatabases } from '../fixtures/worker-databases.js';

/** Options of {@link useDatabases}. */
export interface UseDatabasesOptions<P> extends ProjectClients<P> {
  /** Reset strategies of this file's tests (over the preset's defaults). */
  isolation?: IsolationOptions;
}

/** The stores of the running Jest test file, each created on first use and reset after every test. */
export type JestDatabases<P> = Databases<P>;

let worker: WorkerDatabases | undefined;
let options: UseDatabasesOptions<unknown> = {};
let clients: (Databases<unknown> & { close(): Promise<void> }) | undefined;

/** @internal Set by the preset's setup file. */
export function setJestWorker(next: WorkerDatabases | undefined): void {
  worker = next;
  options = {};
  clients = undefined;
}

function current(): WorkerDatabases {
  if (!worker) {
    throw new StateError(
      "The database fixtures are not set up: wrap your Jest config with withDatabaseFixtures(config, { ... }) from 'database-config/jest'.",
    );
  }
  return worker;
}

/** @internal The isolation options the test file asked for. */
export function fileIsolation(): IsolationOptions {
  return options.isolation ?? {};
}

/** @internal The running file's clients (for the current scope and for closing). */
export function fileDatabases(): Databases<unknown> & { close(): Promise<void> } {
  return (clients ??= scopeDatabases(current(), options, 'useDatabases({ prismaClient: PrismaClient })'));
}

/**
 * The database helpers of a Jest test file: typed getters for the stores, bound to the worker's
 * namespaces and reset after every test by the preset's hooks.
 *
 * @example
 * const db = useDatabases({ prismaClient: PrismaClient });
 * test('creates a user', async () => { await (await db.prisma()).user.create({ data }) });
 */
export function useDatabases<P = never>(useOptions: UseDatabasesOptions<P> = {}): JestDatabases<P> {
  options = useOptions as UseDatabasesOptions<unknown>;
  clients = undefined;
  const { close: _close, ...databases } = fileDatabases();
  return databases as JestDatabases<P>;
}
