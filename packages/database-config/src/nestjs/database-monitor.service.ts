import { Inject, Injectable, Optional, type OnApplicationShutdown } from '@nestjs/common';
import type { DatabaseManager } from '../config/database-manager.js';
import { StateError } from '../errors.js';
import { DatabaseMonitor } from '../monitoring/database-monitor.js';
import { prometheusExporter, type PrometheusExporter } from '../monitoring/exporters/prometheus-exporter.js';
import type { MonitorSnapshot } from '../monitoring/monitor-types.js';
import { STORE_NAMES } from '../stores.js';
import type { DatabaseMonitorModuleOptions } from './database-monitor.module.js';
import { storeManagerToken } from './tokens.js';

/** @internal The options of `DatabaseMonitorModule.forRoot`. */
export const MONITOR_MODULE_OPTIONS = 'database-config:monitor-module-options';

/**
 * A `DatabaseMonitor` over every store the app's (global) database modules connected, closed on
 * application shutdown. Provided by `DatabaseMonitorModule`.
 *
 * @example
 * constructor(@Inject(DatabaseMonitorService) monitor: DatabaseMonitorService) {
 *   monitor.monitor.on('slow', (op) => logger.warn(`${op.store} ${op.statement} ${op.durationMs} ms`));
 * }
 */
@Injectable()
export class DatabaseMonitorService implements OnApplicationShutdown {
  /** The monitor: `snapshot()`, events, async iteration, exporters. */
  readonly monitor: DatabaseMonitor;
  readonly #options: DatabaseMonitorModuleOptions;
  #exporter: Promise<PrometheusExporter> | undefined;

  constructor(
    @Inject(MONITOR_MODULE_OPTIONS) options: DatabaseMonitorModuleOptions,
    @Optional() @Inject(storeManagerToken('postgres')) postgres?: DatabaseManager,
    @Optional() @Inject(storeManagerToken('mongodb')) mongodb?: DatabaseManager,
    @Optional() @Inject(storeManagerToken('redis')) redis?: DatabaseManager,
    @Optional() @Inject(storeManagerToken('qdrant')) qdrant?: DatabaseManager,
  ) {
    this.#options = options;
    const byStore = { postgres, mongodb, redis, qdrant };
    const managers = new Set(STORE_NAMES.flatMap((store) => (byStore[store] ? [byStore[store]] : [])));
    if (managers.size === 0)
      throw new StateError(
        'DatabaseMonitorModule found no connected store: import DatabaseConfigModule.forRoot() or a per-store module (RedisConfigModule.forRoot()...) in the app, with isGlobal: true (the default), so its stores are visible to the monitor.',
      );
    const { metrics: _metrics, prometheus: _prometheus, ...monitorOptions } = options;
    const monitor = new DatabaseMonitor(monitorOptions);
    try {
      for (const manager of managers) monitor.attachManager(manager);
    } catch (error) {
      void monitor.close();
      throw error;
    }
    this.monitor = monitor;
  }

  /** Everything the monitor knows now. */
  snapshot(): MonitorSnapshot {
    return this.monitor.snapshot();
  }

  /** The Prometheus exporter the `/metrics` endpoint serves (made on first use, with the module's `prometheus` options). */
  prometheus(): Promise<PrometheusExporter> {
    this.#exporter ??= prometheusExporter(this.monitor, this.#options.prometheus);
    return this.#exporter;
  }

  /** @internal Nest's shutdown hook. */
  async onApplicationShutdown(): Promise<void> {
    (await this.#exporter?.catch(() => undefined))?.stop();
    await this.monitor.close();
  }
}
