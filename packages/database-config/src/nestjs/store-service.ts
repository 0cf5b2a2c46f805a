import type { DatabaseManager, ExecuteOptions, StoreClients } from '../config/database-manager.js';
import type { CircuitStatus, StoreHealth } from '../config/health.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import type { StoreName } from '../stores.js';

/**
 * What every store's service offers: the client, operations through the store's circuit breaker
 * with a timeout, the breaker's state and a health check. One class for the four stores, so they
 * read alike; each store's service only names its store.
 */
export abstract class StoreService<S extends StoreName, P extends PrismaLike = PrismaLike> {
  readonly #manager: DatabaseManager<P>;
  /** The store this service is for. */
  readonly store: S;

  protected constructor(manager: DatabaseManager<P>, store: S) {
    this.#manager = manager;
    this.store = store;
  }

  /** The manager that connected the store. */
  protected get manager(): DatabaseManager<P> {
    return this.#manager;
  }

  /** The store's client, connected at bootstrap; reading it after shutdown throws a `StateError`. */
  get client(): StoreClients<P>[S] {
    return clientOf(this.#manager, this.store);
  }

  /**
   * Runs one operation through the store's circuit breaker, bounded by `timeoutMs` (see
   * `DatabaseManager.execute`): while the breaker is open it fails fast with a `CircuitOpenError`.
   */
  execute<T>(
    operation: (client: StoreClients<P>[S], signal: AbortSignal) => PromiseLike<T>,
    options?: ExecuteOptions,
  ): Promise<T> {
    return this.#manager.execute(this.store, operation, options);
  }

  /** The state of the store's circuit breaker. */
  get circuit(): CircuitStatus {
    return this.#manager.circuit(this.store);
  }

  /** One real round trip to the store (never throws; `status: 'down'` with the reason). */
  async health(): Promise<StoreHealth> {
    const report = await this.#manager.health();
    return report.stores[this.store]!;
  }
}

/** @internal A store's client from its manager (the registry of the manager's getters). */
export function clientOf<S extends StoreName, P extends PrismaLike>(
  manager: DatabaseManager<P>,
  store: S,
): StoreClients<P>[S] {
  const getters: { [K in StoreName]: (m: DatabaseManager<P>) => StoreClients<P>[K] } = {
    postgres: (m) => m.prisma,
    mongodb: (m) => m.mongo,
    redis: (m) => m.redis,
    qdrant: (m) => m.qdrant,
  };
  return getters[store](manager);
}
