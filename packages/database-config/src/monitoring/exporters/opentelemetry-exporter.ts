import type { Attributes, BatchObservableResult, MeterProvider, Observable } from '@opentelemetry/api';
import { importPeer } from '../../config/peer.js';
import type { DatabaseMonitor } from '../database-monitor.js';
import type { OperationRecord } from '../monitor-types.js';
import { PROBES } from '../probes/index.js';
import { ATTRIBUTES, CIRCUIT_STATES, MONITOR_METRICS, secondsBuckets } from './metric-names.js';

/** Options of {@link openTelemetryExporter}. */
export interface OpenTelemetryExporterOptions {
  /** Where the meter comes from. @default the global MeterProvider (`metrics.getMeterProvider()`) */
  meterProvider?: MeterProvider;
  /** Name of the meter. @default 'database-config' */
  meterName?: string;
}

/** A running exporter; `stop()` removes its listener and callbacks (the instruments stay with the meter). */
export interface MonitorExporter {
  stop(): void;
}

/** @internal How the peer is loaded (a test points it at a package that is not installed). */
export const openTelemetryPeer = { load: () => import('@opentelemetry/api') };

/**
 * Publishes a monitor's measurements as OpenTelemetry metrics named by the database client
 * semantic conventions: `db.client.operation.duration` (histogram, seconds, with `db.system.name`,
 * `db.operation.name` and `error.type` on failures), `db.client.connection.count` (with
 * `db.client.connection.state` idle/used), `db.client.connection.max`,
 * `db.client.connection.pending_requests`, and `database_config.client.requests_in_flight`,
 * `database_config.client.reconnects`, `database_config.circuit.state`, `database_config.health.up`.
 * Needs the optional peer `@opentelemetry/api` (a {@link MissingPeerDependencyError} otherwise).
 *
 * @example
 * const exporter = await openTelemetryExporter(monitor, { meterProvider });
 */
export async function openTelemetryExporter(
  monitor: DatabaseMonitor,
  options: OpenTelemetryExporterOptions = {},
): Promise<MonitorExporter> {
  const api = await importPeer(
    undefined,
    '@opentelemetry/api',
    openTelemetryPeer.load,
    'DatabaseMonitor (OpenTelemetry metrics)',
  );
  const provider = options.meterProvider ?? api.metrics.getMeterProvider();
  const meter = provider.getMeter(options.meterName ?? 'database-config');
  const m = MONITOR_METRICS;
  const duration = meter.createHistogram(m.operationDuration.name, {
    unit: m.operationDuration.unit,
    description: m.operationDuration.description,
    advice: { explicitBucketBoundaries: secondsBuckets(monitor.options.bucketsMs) },
  });
  const onOperation = (op: OperationRecord) => {
    const attributes: Attributes = {
      [ATTRIBUTES.system]: PROBES[op.store].system,
      [ATTRIBUTES.operation]: op.kind,
    };
    if (!op.ok) attributes[ATTRIBUTES.errorType] = op.errorType ?? 'error';
    duration.record(op.durationMs / 1000, attributes);
  };
  monitor.on('operation', onOperation);

  const gauge = (metric: { name: string; unit: string; description: string }) =>
    meter.createObservableUpDownCounter(metric.name, { unit: metric.unit, description: metric.description });
  const connections = gauge(m.connectionCount);
  const max = gauge(m.connectionMax);
  const pending = gauge(m.pendingRequests);
  const inFlight = gauge(m.inFlight);
  const reconnects = meter.createObservableCounter(m.reconnects.name, {
    unit: m.reconnects.unit,
    description: m.reconnects.description,
  });
  const circuit = meter.createObservableGauge(m.circuitState.name, {
    unit: m.circuitState.unit,
    description: m.circuitState.description,
  });
  const health = meter.createObservableGauge(m.healthUp.name, {
    unit: m.healthUp.unit,
    description: m.healthUp.description,
  });
  const observables: Observable[] = [connections, max, pending, inFlight, reconnects, circuit, health];
  const observe = (result: BatchObservableResult) => {
    for (const store of Object.values(monitor.snapshot().stores)) {
      const base = { [ATTRIBUTES.system]: PROBES[store.store].system, [ATTRIBUTES.pool]: store.store };
      const { pool } = store;
      if (pool.idle !== undefined)
        result.observe(connections, pool.idle, { ...base, [ATTRIBUTES.state]: 'idle' });
      if (pool.used !== undefined)
        result.observe(connections, pool.used, { ...base, [ATTRIBUTES.state]: 'used' });
      if (pool.max !== undefined) result.observe(max, pool.max, base);
      result.observe(pending, pool.waiting, base);
      if (pool.inFlight !== undefined) result.observe(inFlight, pool.inFlight, base);
      result.observe(reconnects, store.reconnects, base);
      if (store.circuit)
        for (const state of CIRCUIT_STATES)
          result.observe(circuit, store.circuit === state ? 1 : 0, { ...base, [ATTRIBUTES.circuit]: state });
      if (store.health) result.observe(health, store.health.status === 'up' ? 1 : 0, base);
    }
  };
  meter.addBatchObservableCallback(observe, observables);
  return {
    stop() {
      monitor.off('operation', onOperation);
      meter.removeBatchObservableCallback(observe, observables);
    },
  };
}
