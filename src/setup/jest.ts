import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import type { PrismaClientConstructor } from '../config/postgres/postgres-client.js';
import { StateError, StoreNotConfiguredError } from '../errors.js';
import type { IsolationOptions, WorkerDatabases, WorkerNames } from '../fixtures/worker-databases.js';

/** Options of {@link useDatabases}. */
export interface UseDatabasesOptions<P> {
  /** Your generated Prisma 7 client class. */
  prismaClient?: PrismaClientConstructor<P>;
  /** Registers your mongoose models on the connection. */
  mongooseModels?: (connection: Connection) => void;
  /** Reset strategies of this file's tests (over the preset's defaults). */
  isolation?: IsolationOptions;
}

/** The stores of the running Jest test file, each created on first use and reset after every test. */
export interface JestDatabases<P> {
  prisma(): Promise<P>;
  mongo(): Promise<Connection>;
  redis(): Promise<Redis>;
  qdrant(): Promise<QdrantClient>;
  names: WorkerNames;
}

let worker: WorkerDatabases | undefined;
let options: UseDatabasesOptions<unknown> = {};
let clients: { prisma?: Promise<unknown>; mongo?: Promise<Connection> } = {};

/** @internal Set by the preset's setup file. */
export function setJestWorker(next: WorkerDatabases | undefined): void {
  worker = next;
  options = {};
  clients = {};
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
export function fileDatabases(): JestDatabases<unknown> & { close(): Promise<void> } {
  const w = current();
  return {
    prisma: () => {
      if (!options.prismaClient) {
        throw new StoreNotConfiguredError(
          'postgres',
          'Pass your client class: useDatabases({ prismaClient: PrismaClient }).',
        );
      }
      return (clients.prisma ??= w.prismaClient(options.prismaClient));
    },
    mongo: () =>
      (clients.mongo ??= w.mongooseConnection().then((connection) => {
        options.mongooseModels?.(connection);
        return connection;
      })),
    redis: async () => (await w.redis()).client,
    qdrant: async () => (await w.qdrant()).client,
    names: w.names,
    close: async () => {
      const { prisma, mongo } = clients;
      clients = {};
      await Promise.allSettled([
        prisma?.then((p) => (p as { $disconnect(): Promise<void> }).$disconnect()),
        mongo?.then((m) => m.close()),
      ]);
    },
  };
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
  const { close: _close, ...databases } = fileDatabases();
  return databases as JestDatabases<P>;
}
