import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { StateError } from '../errors.js';
import { DatabaseMonitor } from '../monitoring/database-monitor.js';
import { prometheusExporter, type PrometheusExporter } from '../monitoring/exporters/prometheus-exporter.js';
import type { MonitorSnapshot } from '../monitoring/monitor-types.js';
import type { DatabaseMonitorModuleOptions } from './database-monitor.module.js';
import { CONNECTED_MANAGERS, noStore, type ConnectedManagers } from './connected-managers.js';

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
    @Inject(CONNECTED_MANAGERS) connected: ConnectedManagers,
  ) {
    this.#options = options;
    // One manager may own several stores (the root module's): attach each once.
    const managers = new Set(connected.values());
    if (managers.size === 0) throw new StateError(noStore('DatabaseMonitorModule'));
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
