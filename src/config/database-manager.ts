import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { BrokenCircuitError, type IPolicy } from 'cockatiel';
import debug from 'debug';
import {
  CircuitOpenError,
  ConnectionError,
  HealthCheckError,
  StateError,
  StoreNotConfiguredError,
} from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import type { StoreConnector } from './connector.js';
import { aggregateHealth, probe, type HealthReport, type StoreHealth } from './health.js';
import { loadDatabaseConfig, type DatabaseConfig } from './load-config.js';
import { mongodbConnector } from './mongodb/mongodb-connector.js';
import type { PrismaClientConstructor } from './postgres/postgres-client.js';
import { postgresConnector, type PrismaLike } from './postgres/postgres-connector.js';
import { qdrantConnector } from './qdrant/qdrant-connector.js';
import { redisConnector } from './redis/redis-connector.js';
import { storePolicy, type BreakerOptions, type RetryOptions } from './resilience.js';

const log = debug('database-config:manager');

/** Options of {@link DatabaseManager}. */
export interface DatabaseManagerOptions<P extends PrismaLike> {
  /** Validated configuration; the stores present are the ones connected. @default loadDatabaseConfig(process.env) */
  config?: DatabaseConfig;
  /** Your generated Prisma 7 client class; required when PostgreSQL is configured. */
  prismaClient?: PrismaClientConstructor<P>;
  /** Retries of transient connection failures (exponential backoff with jitter). */
  retry?: RetryOptions;
  /** The circuit breaker around each store. */
  breaker?: BreakerOptions;
  /** Longest wait for one store's health check, in milliseconds. @default 2000 */
  healthTimeoutMs?: number;
}

interface Clients<P> {
  postgres: P;
  mongodb: Connection;
  redis: Redis;
  qdrant: QdrantClient;
}

const CONNECTORS = {
  postgres: postgresConnector,
  mongodb: mongodbConnector,
  redis: redisConnector,
  qdrant: qdrantConnector,
} as { [S in StoreName]: StoreConnector<unknown, unknown, unknown> };

type State = 'new' | 'connecting' | 'connected' | 'closed';

/**
 * Connects the configured stores in parallel (retrying transient failures, each store behind a
 * circuit breaker), hands out their clients, checks their health and closes them all.
 *
 * @example
 * await using db = await DatabaseManager.connect({ prismaClient: PrismaClient });
 * const users = await db.prisma.user.findMany();
 */
export class DatabaseManager<P extends PrismaLike = PrismaLike> implements AsyncDisposable {
  readonly config: DatabaseConfig;
  #options: DatabaseManagerOptions<P>;
  #state: State = 'new';
  #clients: Partial<Clients<P>> = {};
  #policies = new Map<StoreName, IPolicy>();

  constructor(options: DatabaseManagerOptions<P> = {}) {
    this.#options = options;
    this.config = options.config ?? loadDatabaseConfig(process.env);
    if (this.config.postgres && !options.prismaClient) {
      throw new StoreNotConfiguredError(
        'postgres',
        'PostgreSQL is configured but no Prisma client class was given: pass { prismaClient: PrismaClient } (your generated client).',
      );
    }
  }

  /** Creates a manager and connects it. */
  static async connect<P extends PrismaLike = PrismaLike>(
    options: DatabaseManagerOptions<P> = {},
  ): Promise<DatabaseManager<P>> {
    return new DatabaseManager(options).connect();
  }

  /** The stores this manager is configured for. */
  get stores(): StoreName[] {
    return STORE_NAMES.filter((store) => this.config[store] !== undefined);
  }

  /**
   * Connects every configured store in parallel. When one fails, the others are closed and a
   * {@link ConnectionError} (or an AggregateError of them) is thrown.
   */
  async connect(): Promise<this> {
    if (this.#state !== 'new')
      throw new StateError(
        `connect() was called on a manager that is ${this.#state}; create a new DatabaseManager.`,
      );
    this.#state = 'connecting';
    const results = await Promise.allSettled(this.stores.map((store) => this.#connectStore(store)));
    const failures = results
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => r.reason as Error);
    if (failures.length > 0) {
      await this.close();
      if (failures.length === 1) throw failures[0];
      throw new AggregateError(
        failures,
        `${failures.length} stores failed to connect:\n${failures.map((f) => `  - ${f.message}`).join('\n')}`,
      );
    }
    this.#state = 'connected';
    return this;
  }

  async #connectStore(store: StoreName): Promise<void> {
    const connector = CONNECTORS[store];
    const config = this.config[store];
    const extra = store === 'postgres' ? this.#options.prismaClient : undefined;
    let attempts = 0;
    const started = performance.now();
    try {
      const client = await this.#policy(store).execute(() => {
        attempts += 1;
        return connector.connect(config, extra);
      });
      if (this.#state === 'closed') {
        await connector.close(client);
        return;
      }
      (this.#clients as Record<StoreName, unknown>)[store] = client;
      log('%s connected in %d ms (%d attempts)', store, Math.round(performance.now() - started), attempts);
    } catch (error) {
      if (error instanceof BrokenCircuitError)
        throw new CircuitOpenError(store, this.#options.breaker?.halfOpenAfterMs ?? 10_000, error);
      throw new ConnectionError(store, connector.target(config), attempts, error, connector.hint);
    }
  }

  #policy(store: StoreName): IPolicy {
    let policy = this.#policies.get(store);
    if (!policy) {
      policy = storePolicy(this.#options.retry, this.#options.breaker);
      this.#policies.set(store, policy);
    }
    return policy;
  }

  #client<S extends StoreName>(store: S): Clients<P>[S] {
    if (!this.config[store]) {
      throw new StoreNotConfiguredError(
        store,
        `Set its variables (see loadDatabaseConfig) or include '${store}' in the config's stores.`,
      );
    }
    const client = this.#clients[store];
    if (this.#state !== 'connected' || !client) {
      throw new StateError(
        `The ${store} client was read while the manager is ${this.#state}; await manager.connect() first.`,
        store,
      );
    }
    return client;
  }

  /** The Prisma client (your generated class). */
  get prisma(): P {
    return this.#client('postgres');
  }

  /** The mongoose connection; register models with `mongo.model(...)`. */
  get mongo(): Connection {
    return this.#client('mongodb');
  }

  /** The ioredis client. */
  get redis(): Redis {
    return this.#client('redis');
  }

  /** The Qdrant REST client. */
  get qdrant(): QdrantClient {
    return this.#client('qdrant');
  }

  /** One real round trip per connected store, through its circuit breaker, with latency. Never throws. */
  async health(): Promise<HealthReport> {
    const timeoutMs = this.#options.healthTimeoutMs ?? 2000;
    const entries = await Promise.all(
      this.stores.map(async (store): Promise<[StoreName, StoreHealth]> => {
        const connector = CONNECTORS[store];
        const target = connector.target(this.config[store]);
        const client = this.#clients[store];
        if (!client)
          return [
            store,
            { status: 'down', latencyMs: 0, target, error: `not connected (manager is ${this.#state})` },
          ];
        return [
          store,
          await probe(target, () => this.#policy(store).execute(() => connector.ping(client)), timeoutMs),
        ];
      }),
    );
    return aggregateHealth(Object.fromEntries(entries));
  }

  /** Like {@link health}, but throws a {@link HealthCheckError} for the first store that is down. */
  async assertHealthy(): Promise<HealthReport> {
    const report = await this.health();
    for (const [store, result] of Object.entries(report.stores) as [StoreName, StoreHealth][]) {
      if (result.status === 'down') throw new HealthCheckError(store, result.target, new Error(result.error));
    }
    return report;
  }

  /** Closes every client; calling it again, or after a failed connect, is harmless. */
  async close(): Promise<void> {
    this.#state = 'closed';
    const clients = this.#clients;
    this.#clients = {};
    await Promise.all(
      (Object.entries(clients) as [StoreName, unknown][]).map(([store, client]) =>
        CONNECTORS[store].close(client),
      ),
    );
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
