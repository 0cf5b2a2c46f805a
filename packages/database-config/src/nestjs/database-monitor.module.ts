import { Controller, Get, Header, Inject, Module, type DynamicModule, type Type } from '@nestjs/common';
import type { PrometheusExporterOptions } from '../monitoring/exporters/prometheus-exporter.js';
import type { DatabaseMonitorOptions } from '../monitoring/monitor-options.js';
import { connectedManagersProvider } from './connected-managers.js';
import { DatabaseMonitorService, MONITOR_MODULE_OPTIONS } from './database-monitor.service.js';

/** Options of {@link DatabaseMonitorModule.forRoot}: the monitor's, and the endpoint's. */
export interface DatabaseMonitorModuleOptions extends DatabaseMonitorOptions {
  /**
   * Serve the monitor's metrics in the Prometheus text format (`GET /<path>`): `true` for
   * `metrics`, or the path. @default false
   */
  metrics?: boolean | string;
  /** How the endpoint writes them (prom-client registry, writer). @default prom-client when installed, else the built-in writer */
  prometheus?: PrometheusExporterOptions;
}

/** The text format's content type; prom-client's registry uses the same. */
const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** A controller for `path` serving the monitor's Prometheus text. */
function metricsController(path: string): Type {
  @Controller(path)
  class DatabaseMetricsController {
    readonly #service: DatabaseMonitorService;

    constructor(@Inject(DatabaseMonitorService) service: DatabaseMonitorService) {
      this.#service = service;
    }

    @Get()
    @Header('Content-Type', PROMETHEUS_CONTENT_TYPE)
    async metrics(): Promise<string> {
      return (await this.#service.prometheus()).metrics();
    }
  }
  return DatabaseMetricsController;
}

/**
 * `DatabaseMonitorService` (a `DatabaseMonitor` over the stores the app's database modules
 * connected) and, with `metrics`, a Prometheus `/metrics` endpoint.
 *
 * @example
 * imports: [DatabaseConfigModule.forRoot({ ... }), DatabaseMonitorModule.forRoot({ metrics: true, slowThresholdMs: 100 })]
 */
@Module({})
export class DatabaseMonitorModule {
  /** The module; the monitor starts when Nest creates the service. */
  static forRoot(options: DatabaseMonitorModuleOptions = {}): DynamicModule {
    const path = options.metrics === true ? 'metrics' : options.metrics || undefined;
    return {
      module: DatabaseMonitorModule,
      providers: [
        { provide: MONITOR_MODULE_OPTIONS, useValue: options },
        connectedManagersProvider,
        DatabaseMonitorService,
      ],
      exports: [DatabaseMonitorService],
      controllers: path === undefined ? [] : [metricsController(path)],
    };
  }
}
