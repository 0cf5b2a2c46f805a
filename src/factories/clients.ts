// Where create() persists: the clients given to persistWith() (seed scripts, code outside tests),
// else the current test's scoped clients, so the data lives in the test's transaction/namespace.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { StoreNotConfiguredError } from 'database-config/internal';
import { currentScope } from '../fixtures/current-scope.js';
import type { StoreName } from 'database-config/internal';

/** Clients of your own for create() outside tests (e.g. a `DatabaseManager`'s); each optional. */
export interface FactoryClients {
  /** Your generated Prisma client. */
  prisma?: unknown;
  /** A mongoose connection with your models registered (or pass model getters to mongooseFactory). */
  mongo?: Connection;
  /** An ioredis client (its `keyPrefix`, if any, applies). */
  redis?: Redis;
  /** A Qdrant REST client. */
  qdrant?: QdrantClient;
  /** Prefix of the Qdrant collection names (the config's `collectionPrefix`). @default '' */
  qdrantCollectionPrefix?: string;
}

/** The clients one create() call persists through. */
export interface ResolvedFactoryClients {
  /** The Prisma client (cast it to your generated class). */
  prisma(): Promise<unknown>;
  /** The mongoose connection. */
  mongo(): Promise<Connection>;
  /** The ioredis client. */
  redis(): Promise<Redis>;
  /** The Qdrant client. */
  qdrant(): Promise<QdrantClient>;
  /** A collection's name on the server (the prefix of the worker, or of the explicit clients, added). */
  qdrantCollection(name: string): string;
}

const explicit = new AsyncLocalStorage<FactoryClients>();

/**
 * Runs `fn` with factories persisting through `clients` instead of the current test's: for seed
 * scripts and other code outside tests. Nested factory calls (parents, hooks) use them too.
 *
 * @example
 * await persistWith({ prisma: manager.prisma }, () => users.createList(10));
 */
export function persistWith<R>(clients: FactoryClients, fn: () => R): R {
  return explicit.run(clients, fn);
}

const STORE_OF = { prisma: 'postgres', mongo: 'mongodb', redis: 'redis', qdrant: 'qdrant' } as const;

function fromExplicit(clients: FactoryClients, factory: string): ResolvedFactoryClients {
  const get = async <K extends keyof typeof STORE_OF>(key: K) => {
    const client = clients[key];
    if (client === undefined) {
      const store: StoreName = STORE_OF[key];
      throw new StoreNotConfiguredError(store, { kind: 'not-in-persist-with', factory, client: key });
    }
    return client as NonNullable<FactoryClients[K]>;
  };
  return {
    prisma: () => get('prisma'),
    mongo: () => get('mongo'),
    redis: () => get('redis'),
    qdrant: () => get('qdrant'),
    qdrantCollection: (name) => `${clients.qdrantCollectionPrefix ?? ''}${name}`,
  };
}

/**
 * The clients a factory persists through now: those of {@link persistWith}, else the running
 * test's. Outside both, a StateError saying where create() can run (from {@link currentScope}).
 * @param factory the factory's name, for the error message
 */
export function factoryClients(factory = 'a'): ResolvedFactoryClients {
  const clients = explicit.getStore();
  if (clients) return fromExplicit(clients, factory);
  const scope = currentScope(factory);
  return {
    prisma: () => scope.prisma(),
    mongo: () => scope.mongo(),
    redis: () => scope.redis(),
    qdrant: () => scope.qdrant(),
    qdrantCollection: (name) => `${scope.names.qdrant}${name}`,
  };
}
