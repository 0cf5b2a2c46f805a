import type * as PromClient from 'prom-client';
import debug from 'debug';
import { importPeer } from '../../config/peer.js';
import { MissingPeerDependencyError } from '../../errors.js';
import type { DatabaseMonitor } from '../database-monitor.js';
import { ATTRIBUTES, secondsBuckets } from './metric-names.js';
import type { MonitorExporter } from './opentelemetry-exporter.js';
import {
  durationFamily,
  gaugeFamilies,
  promName,
  writePrometheusText,
  type Family,
} from './prometheus-text.js';

const log = debug('database-config:monitor');
const TEXT_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Options of {@link prometheusExporter}. */
export interface PrometheusExporterOptions {
  /**
   * `prom-client` when it is installed, else the built-in writer (`auto`); or insist on one
   * (`prom-client` when it is missing is a {@link MissingPeerDependencyError}). @default 'auto'
   */
  writer?: 'auto' | 'prom-client' | 'builtin';
  /** A prom-client `Registry` to register the metrics in, next to your own (implies prom-client). @default a new Registry */
  registry?: PromRegistry;
}

/** The part of a prom-client `Registry` the exporter uses (typed so, prom-client being optional). */
export interface PromRegistry {
  metrics(): Promise<string>;
  readonly contentType: string;
  removeSingleMetric(name: string): void;
}

/** A Prometheus exporter: the text for a `/metrics` endpoint. */
export interface PrometheusExporter extends MonitorExporter {
  /** Which writer renders the text. */
  readonly writer: 'prom-client' | 'builtin';
  /** The `Content-Type` to serve {@link metrics} with. */
  readonly contentType: string;
  /** The metrics in the Prometheus text exposition format. */
  metrics(): Promise<string>;
}

/** @internal How the peer is loaded (a test points it at a package that is not installed). */
export const promClientPeer = { load: () => import('prom-client') };

/**
 * The monitor's metrics in the Prometheus text format, under the names of {@link openTelemetryExporter}
 * with dots as underscores (`db_client_operation_duration_seconds`, `db_client_connection_count`...).
 * Through `prom-client` when it is installed (the metrics can join your registry), otherwise
 * through a built-in writer of the format; `writer` says which was taken.
 *
 * @example
 * const exporter = await prometheusExporter(monitor);
 * response.setHeader('Content-Type', exporter.contentType).end(await exporter.metrics());
 */
export async function prometheusExporter(
  monitor: DatabaseMonitor,
  options: PrometheusExporterOptions = {},
): Promise<PrometheusExporter> {
  const wanted = options.registry ? 'prom-client' : (options.writer ?? 'auto');
  if (wanted === 'builtin') return builtinExporter(monitor);
  try {
    const client = await importPeer(
      undefined,
      'prom-client',
      promClientPeer.load,
      'DatabaseMonitor (Prometheus metrics)',
    );
    return promClientExporter(
      monitor,
      (client as unknown as { default?: typeof PromClient }).default ?? client,
      options.registry,
    );
  } catch (error) {
    if (wanted === 'auto' && error instanceof MissingPeerDependencyError) {
      log('prom-client is not installed: the built-in Prometheus writer renders the metrics');
      return builtinExporter(monitor);
    }
    throw error;
  }
}

function builtinExporter(monitor: DatabaseMonitor): PrometheusExporter {
  return {
    writer: 'builtin',
    contentType: TEXT_CONTENT_TYPE,
    metrics: async () => writePrometheusText([durationFamily(monitor), ...gaugeFamilies(monitor)]),
    stop() {},
  };
}

function promClientExporter(
  monitor: DatabaseMonitor,
  client: typeof PromClient,
  given: PromRegistry | undefined,
): PrometheusExporter {
  const registry = (given ?? new client.Registry()) as PromClient.Registry;
  const { name, help } = durationFamily(monitor);
  // The histogram's values are the monitor's cumulative buckets (get(), and getForPromString() for the text, are what the registry reads),
  // so it counts from the monitor's start like the built-in writer, with no listener per operation.
  class MonitorDurationHistogram extends client.Histogram<string> {
    // The text writer asks for this one when a metric has it (Histogram does).
    getForPromString() {
      return this.get();
    }

    override async get(): Promise<PromClient.MetricObjectWithValues<PromClient.MetricValueWithName<string>>> {
      const family = durationFamily(monitor);
      const values =
        family.type !== 'histogram'
          ? []
          : family.histograms.flatMap((h) => {
              let cumulative = 0;
              return [
                ...h.counts.map((count, i) => {
                  cumulative += count;
                  const le = i < h.boundsSeconds.length ? h.boundsSeconds[i]! : '+Inf';
                  return { labels: { ...h.labels, le }, value: cumulative, metricName: `${name}_bucket` };
                }),
                { labels: h.labels, value: h.sum, metricName: `${name}_sum` },
                { labels: h.labels, value: h.count, metricName: `${name}_count` },
              ];
            });
      // prom-client's typings say an enum for `type`; its registry writes the string it finds.
      return {
        name,
        help,
        type: 'histogram',
        values,
        aggregator: 'sum',
      } as unknown as PromClient.MetricObjectWithValues<PromClient.MetricValueWithName<string>>;
    }
  }
  new MonitorDurationHistogram({
    name,
    help,
    labelNames: [promName(ATTRIBUTES.system), promName(ATTRIBUTES.operation)],
    buckets: secondsBuckets(monitor.options.bucketsMs),
    registers: [registry],
  });

  // One snapshot per scrape, shared by the metrics' collect() calls.
  let cached: { at: number; families: Map<string, Family> } | undefined;
  const current = (name: string) => {
    if (!cached || performance.now() - cached.at > 50)
      cached = { at: performance.now(), families: new Map(gaugeFamilies(monitor).map((f) => [f.name, f])) };
    return cached.families.get(name);
  };
  const names: string[] = [name];
  for (const family of gaugeFamilies(monitor)) {
    if (family.type === 'histogram') continue;
    names.push(family.name);
    const fill = (
      metric: { reset(): void },
      set: (labels: Record<string, string>, value: number) => void,
    ) => {
      metric.reset();
      const latest = current(family.name);
      if (latest && latest.type !== 'histogram')
        for (const sample of latest.samples) set(sample.labels, sample.value);
    };
    const common = {
      name: family.name,
      help: family.help,
      labelNames: family.labelNames,
      registers: [registry],
    };
    if (family.type === 'counter')
      new client.Counter({
        ...common,
        collect() {
          fill(this, (labels, value) => this.inc(labels, value));
        },
      });
    else
      new client.Gauge({
        ...common,
        collect() {
          fill(this, (labels, value) => this.set(labels, value));
        },
      });
  }
  return {
    writer: 'prom-client',
    contentType: registry.contentType,
    metrics: () => registry.metrics(),
    stop() {
      for (const name of names) registry.removeSingleMetric(name);
    },
  };
}
