import { Inject, Injectable } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import type { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import type { DatabaseManager } from '../config/database-manager.js';
import type { StoreHealth } from '../config/health.js';
import { StateError, StoreNotConfiguredError } from '../errors.js';
import type { StoreName } from '../stores.js';
import { failBootstrap } from './bootstrap-group.js';
import { CONNECTED_MANAGERS, noStore, type ConnectedManagers } from './connected-managers.js';
import { HEALTH_INDICATOR_SERVICE } from './tokens.js';

/** What an indicator reports of a store (no URL: health endpoints are often public). */
function details(health: StoreHealth): Record<string, unknown> {
  return {
    latencyMs: health.latencyMs,
    ...(health.circuit && { circuit: health.circuit }),
    ...(health.error && { message: health.error }),
  };
}

/**
 * `@nestjs/terminus` health indicators for the stores the app's database modules connected, on
 * `DatabaseManager.health()`: one real round trip per store through its circuit breaker, bounded
 * by `healthTimeoutMs`. Provided by `DatabaseHealthModule`.
 *
 * @example
 * check() { return this.health.check([() => this.db.isHealthy('postgres'), () => this.db.checkAll()]); }
 */
@Injectable()
export class DatabaseHealthIndicator {
  readonly #indicators: HealthIndicatorService;
  readonly #managers: ConnectedManagers;

  constructor(
    @Inject(HEALTH_INDICATOR_SERVICE) indicators: HealthIndicatorService,
    @Inject(ModulesContainer) app: ModulesContainer,
    @Inject(CONNECTED_MANAGERS) managers: ConnectedManagers,
  ) {
    this.#indicators = indicators;
    this.#managers = managers;
    if (managers.size === 0) {
      // Database modules this indicator cannot see (isGlobal: false) may have connected: close them.
      void failBootstrap(app);
      throw new StateError(noStore('DatabaseHealthModule'));
    }
  }

  /** The stores this indicator checks: those the app's (global) database modules connected. */
  get stores(): StoreName[] {
    return [...this.#managers.keys()];
  }

  /** One store's indicator, under `key` (default: the store's name). */
  async isHealthy<const Key extends string = StoreName>(
    store: StoreName,
    key?: Key,
  ): Promise<HealthIndicatorResult<Key>> {
    const manager = this.#managers.get(store);
    if (!manager) {
      throw new StoreNotConfiguredError(store, { kind: 'not-connected-by-nest', connected: this.stores });
    }
    const health = (await manager.health()).stores[store]!;
    const session = this.#indicators.check((key ?? store) as Key);
    return health.status === 'up' ? session.up(details(health)) : session.down(details(health));
  }

  /** Every connected store's indicator, each under its store's name; one health check per manager. */
  async checkAll(): Promise<HealthIndicatorResult> {
    const reports = new Map<DatabaseManager, Promise<Partial<Record<StoreName, StoreHealth>>>>();
    for (const manager of new Set(this.#managers.values())) {
      reports.set(
        manager,
        manager.health().then((report) => report.stores),
      );
    }
    const result: HealthIndicatorResult = {};
    for (const [store, manager] of this.#managers) {
      const health = (await reports.get(manager)!)[store]!;
      const session = this.#indicators.check(store);
      Object.assign(
        result,
        health.status === 'up' ? session.up(details(health)) : session.down(details(health)),
      );
    }
    return result;
  }
}
