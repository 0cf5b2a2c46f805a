import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import { BrokenCircuitError, CircuitState } from 'cockatiel';
import debug from 'debug';
import {
  CircuitOpenError,
  ConfigValidationError,
  ConnectionError,
  HealthCheckError,
  OperationTimeoutError,
  StateError,
  StoreNotConfiguredError,
} from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import type { ConfigIssue } from '../errors.js';
import type { StoreConnector } from './connector.js';
import { aggregateHealth, probe, type CircuitStatus, type HealthReport, type StoreHealth } from './health.js';
import { loadDatabaseConfig, type DatabaseConfig } from './load-config.js';
import { mongodbConnector } from './mongodb/mongodb-connector.js';
import { assertPrismaClientConstructor, type PrismaClientConstructor } from './postgres/postgres-client.js';
import { postgresConnector, type PrismaLike } from './postgres/postgres-connector.js';
import { qdrantConnector } from './qdrant/qdrant-connector.js';
import { redisConnector } from './redis/redis-connector.js';
import {
  storePolicies,
  withTimeout,
  type BreakerOptions,
  type RetryOptions,
  type StorePolicies,
} from './resilience.js';

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
  /**
   * Longest wait for one store's health check, in milliseconds; a check that gets no answer by then
   * reports the store down and counts as a failure towards opening its circuit breaker. @default 2000
   */
  healthTimeoutMs?: number;
  /**
   * Longest wait for one operation run through {@link DatabaseManager.execute}, in milliseconds,
   * unless the call gives its own; a timeout counts as a failure towards opening the breaker. The
   * clients have bounds of their own too (`REDIS_COMMAND_TIMEOUT_MS`, `POSTGRES_QUERY_TIMEOUT_MS`,
   * `MONGODB_SOCKET_TIMEOUT_MS`, `QDRANT_TIMEOUT_MS`). @default 30000
   */
  operationTimeoutMs?: number;
}

/** Options of one {@link DatabaseManager.execute} call. */
export interface ExecuteOptions {
  /** Longest wait for this operation, in milliseconds. @default the manager's operationTimeoutMs (30000) */
  timeoutMs?: number;
}

/** A store's circuit breaker changed state (see {@link DatabaseManager.onCircuitChange}). */
export interface CircuitChange {
  store: StoreName;
  from: CircuitStatus;
  to: CircuitStatus;
}

/** The client of each store, as {@link DatabaseManager.execute} hands it to an operation. */
export interface StoreClients<P> {
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

function circuitStatus(state: CircuitState): CircuitStatus {
  return state === CircuitState.Closed ? 'closed' : state === CircuitState.HalfOpen ? 'halfOpen' : 'open';
}

/** Every problem with the manager's numeric options (timeouts, retry and breaker settings), all at once. */
function managerOptionIssues(options: DatabaseManagerOptions<PrismaLike>): ConfigIssue[] {
  const checks: [string, unknown, number, number, string][] = [
    ['healthTimeoutMs', options.healthTimeoutMs, 1, 600_000, '2000'],
    ['operationTimeoutMs', options.operationTimeoutMs, 1, 3_600_000, '30000'],
    ['retry.attempts', options.retry?.attempts, 1, 100, '5'],
    ['retry.initialDelayMs', options.retry?.initialDelayMs, 0, 600_000, '100'],
    ['retry.maxDelayMs', options.retry?.maxDelayMs, 0, 600_000, '2000'],
    ['breaker.threshold', options.breaker?.threshold, 1, 1000, '5'],
    ['breaker.halfOpenAfterMs', options.breaker?.halfOpenAfterMs, 1, 3_600_000, '10000'],
  ];
  return checks
    .filter(
      ([, value, min, max]) =>
        value !== undefined &&
        !(Number.isInteger(value) && (value as number) >= min && (value as number) <= max),
    )
    .map(([path, value, min, max, example]) => ({
      store: 'options',
      source: `DatabaseManager({ ${path} })`,
      problem: `${JSON.stringify(value) ?? String(value)} is not an integer from ${min} to ${max}`,
      example,
    }));
}

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
  #clients: Partial<StoreClients<P>> = {};
  #policies = new Map<StoreName, StorePolicies>();
  #circuitListeners = new Set<(change: CircuitChange) => void>();

  /**
   * Validates the options; nothing is connected yet (see {@link connect}). Throws a
   * {@link ConfigValidationError} listing every out-of-range timeout, retry or breaker setting, a
   * {@link StoreNotConfiguredError} when PostgreSQL is configured without a Prisma client class,
   * and an {@link InvalidPrismaClientError} when `prismaClient` is not a class.
   */
  constructor(options: DatabaseManagerOptions<P> = {}) {
    this.#options = options;
    const issues = managerOptionIssues(options);
    if (issues.length > 0) throw new ConfigValidationError(issues);
    this.config = options.config ?? loadDatabaseConfig(process.env);
    if (options.prismaClient !== undefined)
      assertPrismaClientConstructor(options.prismaClient, 'DatabaseManager({ prismaClient })');
    if (this.config.postgres && !options.prismaClient) {
      throw new StoreNotConfiguredError('postgres', {
        kind: 'no-prisma-client-class',
        option: '{ prismaClient: PrismaClient } to DatabaseManager()',
      });
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
      throw new StateError({ operation: 'DatabaseManager.connect()', state: this.#state, allowed: ['new'] });
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
    // close() ran meanwhile: the stores that connected after it were closed again (#connectStore).
    if ((this.#state as State) === 'closed') {
      throw new StateError({
        operation: 'DatabaseManager.close()',
        state: 'connecting',
        allowed: ['new', 'connected', 'closed'],
      });
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
      const client = await this.#storePolicies(store).connect.execute(() => {
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
      if (error instanceof BrokenCircuitError) throw this.#circuitOpen(store);
      throw new ConnectionError(store, connector.target(config), attempts, error, connector.hint);
    }
  }

  #storePolicies(store: StoreName): StorePolicies {
    let policies = this.#policies.get(store);
    if (!policies) {
      policies = storePolicies(this.#options.retry, this.#options.breaker);
      this.#policies.set(store, policies);
      let from: CircuitStatus = 'closed';
      policies.breaker.onStateChange((state) => {
        const change = { store, from, to: circuitStatus(state) };
        from = change.to;
        log('%s circuit %s -> %s', store, change.from, change.to);
        for (const listener of this.#circuitListeners) {
          try {
            listener(change);
          } catch (error) {
            log('a circuit listener threw: %O', error);
          }
        }
      });
    }
    return policies;
  }

  #circuitOpen(store: StoreName): CircuitOpenError {
    const last = this.#storePolicies(store).breaker.lastFailure;
    return new CircuitOpenError(
      store,
      this.#options.breaker?.halfOpenAfterMs ?? 10_000,
      last && 'error' in last ? last.error : undefined,
    );
  }

  /** One call through the store's breaker, bounded by `timeoutMs`; never retried. */
  async #call<T>(
    store: StoreName,
    what: { operation: string; option: string; timeoutMs: number },
    call: (signal: AbortSignal) => PromiseLike<T>,
  ): Promise<T> {
    const target = CONNECTORS[store].target(this.config[store]);
    try {
      return await this.#storePolicies(store).breaker.execute(() =>
        withTimeout(
          what.timeoutMs,
          call,
          () => new OperationTimeoutError(store, what.operation, target, what.timeoutMs, what.option),
        ),
      );
    } catch (error) {
      if (error instanceof BrokenCircuitError) throw this.#circuitOpen(store);
      throw error;
    }
  }

  /** The state of a store's circuit breaker: `closed`, `open` (calls fail fast) or `halfOpen` (one call tests the store). */
  circuit(store: StoreName): CircuitStatus {
    return circuitStatus(this.#storePolicies(store).breaker.state);
  }

  /**
   * Calls `listener` each time a store's circuit breaker changes state (`closed` -> `open` after
   * `breaker.threshold` failures, `open` -> `halfOpen` -> `closed` as it recovers). A listener that
   * throws is logged and ignored. Returns a function that removes the listener.
   *
   * @example
   * const stop = db.onCircuitChange(({ store, from, to }) => console.warn(`${store}: ${from} -> ${to}`));
   */
  onCircuitChange(listener: (change: CircuitChange) => void): () => void {
    this.#circuitListeners.add(listener);
    return () => {
      this.#circuitListeners.delete(listener);
    };
  }

  /**
   * Runs one operation on a store's client through the store's circuit breaker, bounded by
   * `timeoutMs`. Timeouts and connection failures count towards opening the circuit (errors the
   * server answered do not); while it is open, calls fail at once with a {@link CircuitOpenError},
   * and after `breaker.halfOpenAfterMs` one call is let through to test the store. A call that
   * times out rejects with an {@link OperationTimeoutError}; the signal tells the operation to stop.
   *
   * @example
   * const value = await db.execute('redis', (redis) => redis.get('greeting'), { timeoutMs: 500 });
   */
  async execute<S extends StoreName, T>(
    store: S,
    operation: (client: StoreClients<P>[S], signal: AbortSignal) => PromiseLike<T>,
    options: ExecuteOptions = {},
  ): Promise<T> {
    const client = this.#client(store);
    const timeoutMs = options.timeoutMs ?? this.#options.operationTimeoutMs ?? 30_000;
    const option = options.timeoutMs === undefined ? 'operationTimeoutMs' : 'execute({ timeoutMs })';
    return this.#call(store, { operation: 'operation', option, timeoutMs }, (signal) =>
      operation(client, signal),
    );
  }

  #client<S extends StoreName>(store: S): StoreClients<P>[S] {
    if (!this.config[store]) {
      throw new StoreNotConfiguredError(store, { kind: 'not-in-config' });
    }
    const client = this.#clients[store];
    if (this.#state !== 'connected' || !client) {
      throw new StateError({
        operation: 'DatabaseManager client',
        state: this.#state,
        allowed: ['connected'],
        store,
      });
    }
    return client;
  }

  /**
   * The client of `store`, as the getters (`prisma`, `mongo`, `redis`, `qdrant`) give it, for code
   * that loops over the stores. Throws a {@link StoreNotConfiguredError} or a {@link StateError} like them.
   */
  client<S extends StoreName>(store: S): StoreClients<P>[S] {
    return this.#client(store);
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

  /**
   * One real round trip per connected store, through its circuit breaker, bounded by
   * `healthTimeoutMs`, with latency and the breaker's state after the check. A timeout counts as a
   * failure towards opening the breaker; an open breaker reports the store down at once. Never throws.
   */
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
        const result = await probe(target, () =>
          this.#call(store, { operation: 'health check', option: 'healthTimeoutMs', timeoutMs }, () =>
            connector.ping(client),
          ),
        );
        return [store, { ...result, circuit: this.circuit(store) }];
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
