import type { DatabaseMonitor } from '../database-monitor.js';
import { PROBES } from '../probes/index.js';
import { ATTRIBUTES, CIRCUIT_STATES, MONITOR_METRICS } from './metric-names.js';

// The text exposition format is written by hand as well as through prom-client: prom-client is an
// optional peer, and a service without it (or one exporting to OpenTelemetry only) still gets a
// /metrics page; with prom-client present the metrics join the application's own registry.

type Labels = Record<string, string>;
/** One gauge or counter sample. */
export interface Sample {
  labels: Labels;
  value: number;
}
/** One labelled histogram: counts per bucket (not cumulative, the last one +Inf), sum in seconds. */
export interface HistogramSample {
  labels: Labels;
  boundsSeconds: readonly number[];
  counts: readonly number[];
  sum: number;
  count: number;
}
/** A metric family as Prometheus names it. */
export type Family =
  | {
      name: string;
      help: string;
      type: 'gauge' | 'counter';
      labelNames: readonly string[];
      samples: Sample[];
    }
  | { name: string; help: string; type: 'histogram'; histograms: HistogramSample[] };

/** A Prometheus name: dots to underscores (`db.client.connection.count` -> `db_client_connection_count`). */
export const promName = (name: string) => name.replace(/[^a-zA-Z0-9_:]/g, '_');
const label = (attribute: string) => promName(attribute);

/** The operation duration histograms of a monitor, cumulative since it attached. */
export function durationFamily(monitor: DatabaseMonitor): Family {
  return {
    name: `${promName(MONITOR_METRICS.operationDuration.name)}_seconds`,
    help: MONITOR_METRICS.operationDuration.description,
    type: 'histogram',
    histograms: monitor.histograms().map((h) => ({
      labels: { [label(ATTRIBUTES.system)]: PROBES[h.store].system, [label(ATTRIBUTES.operation)]: h.kind },
      boundsSeconds: h.bucketsMs.map((ms) => ms / 1000),
      counts: h.counts,
      sum: h.sumMs / 1000,
      count: h.count,
    })),
  };
}

/** Everything but the duration histogram: errors, timeouts, pools, reconnects, circuits, health. */
export function gaugeFamilies(monitor: DatabaseMonitor): Family[] {
  const system = label(ATTRIBUTES.system);
  const operation = label(ATTRIBUTES.operation);
  const snapshot = monitor.snapshot();
  const stores = Object.values(snapshot.stores);
  const families: Family[] = [];
  const add = (
    name: string,
    help: string,
    type: 'gauge' | 'counter',
    labelNames: string[],
    samples: Sample[],
  ) => families.push({ name, help, type, labelNames, samples });
  const kindLabels = [system, operation];
  const poolLabels = [system, label(ATTRIBUTES.pool)];
  const histograms = monitor.histograms();
  const perKind = (value: (h: (typeof histograms)[number]) => number) =>
    histograms.map((h) => ({
      labels: { [system]: PROBES[h.store].system, [operation]: h.kind },
      value: value(h),
    }));
  add(
    'db_client_operation_errors_total',
    'Database client operations that failed.',
    'counter',
    kindLabels,
    perKind((h) => h.errors),
  );
  add(
    'db_client_operation_timeouts_total',
    'Database client operations that timed out.',
    'counter',
    kindLabels,
    perKind((h) => h.timeouts),
  );
  add(
    'database_config_client_errors_total',
    'Failed operations by error type (code or name).',
    'counter',
    [system, label(ATTRIBUTES.errorType)],
    stores.flatMap((s) =>
      Object.entries(s.operations.errorsByType).map(([type, value]) => ({
        labels: { [system]: PROBES[s.store].system, [label(ATTRIBUTES.errorType)]: type },
        value,
      })),
    ),
  );
  const m = MONITOR_METRICS;
  const pool = (s: (typeof stores)[number]) => ({
    [system]: PROBES[s.store].system,
    [label(ATTRIBUTES.pool)]: s.store,
  });
  add(
    promName(m.connectionCount.name),
    m.connectionCount.description,
    'gauge',
    [...poolLabels, label(ATTRIBUTES.state)],
    stores.flatMap((s) =>
      (['idle', 'used'] as const).flatMap((state) =>
        s.pool[state] === undefined
          ? []
          : [{ labels: { ...pool(s), [label(ATTRIBUTES.state)]: state }, value: s.pool[state] }],
      ),
    ),
  );
  add(
    promName(m.connectionMax.name),
    m.connectionMax.description,
    'gauge',
    poolLabels,
    stores.flatMap((s) => (s.pool.max === undefined ? [] : [{ labels: pool(s), value: s.pool.max }])),
  );
  add(
    promName(m.pendingRequests.name),
    m.pendingRequests.description,
    'gauge',
    poolLabels,
    stores.map((s) => ({ labels: pool(s), value: s.pool.waiting })),
  );
  add(
    promName(m.inFlight.name),
    m.inFlight.description,
    'gauge',
    poolLabels,
    stores.flatMap((s) =>
      s.pool.inFlight === undefined ? [] : [{ labels: pool(s), value: s.pool.inFlight }],
    ),
  );
  add(
    `${promName(m.reconnects.name)}_total`,
    m.reconnects.description,
    'counter',
    poolLabels,
    stores.map((s) => ({ labels: pool(s), value: s.reconnects })),
  );
  add(
    promName(m.circuitState.name),
    m.circuitState.description,
    'gauge',
    [...poolLabels, label(ATTRIBUTES.circuit)],
    stores.flatMap((s) =>
      s.circuit === undefined
        ? []
        : CIRCUIT_STATES.map((state) => ({
            labels: { ...pool(s), [label(ATTRIBUTES.circuit)]: state },
            value: s.circuit === state ? 1 : 0,
          })),
    ),
  );
  add(
    promName(m.healthUp.name),
    m.healthUp.description,
    'gauge',
    poolLabels,
    stores.flatMap((s) => (s.health ? [{ labels: pool(s), value: s.health.status === 'up' ? 1 : 0 }] : [])),
  );
  return families;
}

const escapeLabel = (value: string) =>
  value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
const escapeHelp = (value: string) => value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
const number = (value: number) =>
  value === Infinity ? '+Inf' : value === -Infinity ? '-Inf' : Number.isNaN(value) ? 'NaN' : String(value);
function labelText(labels: Labels): string {
  const entries = Object.entries(labels);
  return entries.length === 0 ? '' : `{${entries.map(([k, v]) => `${k}="${escapeLabel(v)}"`).join(',')}}`;
}

/** The Prometheus text exposition format (version 0.0.4) of `families`. */
export function writePrometheusText(families: readonly Family[]): string {
  const lines: string[] = [];
  for (const family of families) {
    lines.push(`# HELP ${family.name} ${escapeHelp(family.help)}`, `# TYPE ${family.name} ${family.type}`);
    if (family.type !== 'histogram') {
      for (const sample of family.samples)
        lines.push(`${family.name}${labelText(sample.labels)} ${number(sample.value)}`);
      continue;
    }
    for (const h of family.histograms) {
      let cumulative = 0;
      h.counts.forEach((count, i) => {
        cumulative += count;
        const le = i < h.boundsSeconds.length ? number(h.boundsSeconds[i]!) : '+Inf';
        lines.push(`${family.name}_bucket${labelText({ ...h.labels, le })} ${cumulative}`);
      });
      lines.push(`${family.name}_sum${labelText(h.labels)} ${number(h.sum)}`);
      lines.push(`${family.name}_count${labelText(h.labels)} ${h.count}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
