import {
  AggregationTemporality,
  DataPointType,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
  type MetricData,
} from '@opentelemetry/sdk-metrics';
import { Registry } from 'prom-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { openTelemetryPeer } from '../../packages/database-config/src/monitoring/exporters/opentelemetry-exporter.js';
import { promClientPeer } from '../../packages/database-config/src/monitoring/exporters/prometheus-exporter.js';
import {
  DatabaseManager,
  DatabaseMonitor,
  MissingPeerDependencyError,
  openTelemetryExporter,
  prometheusExporter,
} from 'database-config';
import { stackConfig } from './helpers.js';

let manager: DatabaseManager<PrismaClient>;
let monitor: DatabaseMonitor;

beforeAll(async () => {
  manager = await DatabaseManager.connect({ config: stackConfig(), prismaClient: PrismaClient });
});
afterAll(async () => {
  await manager?.close();
});
afterEach(async () => {
  await monitor?.close();
});

/** Resolves once the monitor has a health sample of every store. */
async function healthSampled(): Promise<void> {
  const deadline = performance.now() + 20_000;
  while (!Object.values(monitor.snapshot().stores).every((store) => store.health)) {
    if (performance.now() > deadline) throw new Error('no health sample of every store within 20 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Some work on each store, with one Redis failure. */
async function work(): Promise<void> {
  for (let i = 0; i < 3; i += 1) await manager.prisma.$queryRawUnsafe('SELECT 1 AS one');
  await manager.mongo.db!.collection('exporter_things').find({}).toArray();
  await manager.redis.set('exporter:key', 'value');
  await manager.redis.get('exporter:key');
  await manager.redis.hget('exporter:key', 'field').catch(() => undefined);
  await manager.qdrant.getCollections();
}

/**
 * The Prometheus text exposition format, parsed strictly: every sample line belongs to the family
 * its # TYPE announced, names and labels are well formed, values are numbers, and each histogram's
 * buckets are cumulative and end with le="+Inf" equal to its _count.
 */
function parsePrometheus(text: string) {
  const types = new Map<string, string>();
  const samples: { name: string; labels: Record<string, string>; value: number }[] = [];
  const name = '[a-zA-Z_:][a-zA-Z0-9_:]*';
  const sampleLine = new RegExp(
    `^(${name})(?:\\{((?:[a-zA-Z_]\\w*="(?:[^"\\\\\\n]|\\\\[\\\\"n])*",?)*)\\})? (\\S+)$`,
  );
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.trimEnd().split('\n')) {
    if (line === '') continue; // the format ignores empty lines (prom-client writes one between families)
    if (line.startsWith('# HELP ')) {
      expect(line).toMatch(new RegExp(`^# HELP ${name} .+$`));
      continue;
    }
    const type = /^# TYPE (\S+) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      expect(types.has(type[1]!), `${type[1]} typed twice`).toBe(false);
      types.set(type[1]!, type[2]!);
      continue;
    }
    const match = sampleLine.exec(line);
    expect(match, `not a sample line: ${line}`).not.toBeNull();
    const [, metric, labelText = '', value] = match!;
    const family = types.has(metric!) ? metric! : metric!.replace(/_(bucket|sum|count)$/, '');
    expect(types.has(family), `${metric} has no # TYPE`).toBe(true);
    const labels = Object.fromEntries(
      [...labelText.matchAll(/([a-zA-Z_]\w*)="((?:[^"\\]|\\.)*)"/g)].map((m) => [m[1]!, m[2]!]),
    );
    const number = value === '+Inf' ? Infinity : Number(value);
    expect(Number.isNaN(number), `${line}: value`).toBe(false);
    samples.push({ name: metric!, labels, value: number });
  }
  for (const [family, type] of types) {
    if (type !== 'histogram') continue;
    const series = new Map<string, number[]>();
    for (const s of samples.filter((s) => s.name === `${family}_bucket`)) {
      const { le, ...rest } = s.labels;
      const key = JSON.stringify(rest);
      series.set(key, [...(series.get(key) ?? []), s.value]);
      if (le === '+Inf') {
        const count = samples.find((c) => c.name === `${family}_count` && JSON.stringify(c.labels) === key);
        expect(count?.value).toBe(s.value);
      }
    }
    for (const counts of series.values()) expect(counts).toEqual([...counts].sort((a, b) => a - b));
  }
  return { types, samples };
}

const value = (parsed: ReturnType<typeof parsePrometheus>, name: string, labels: Record<string, string>) =>
  parsed.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v))
    ?.value;

describe('OpenTelemetry metrics', () => {
  it('are named by the database client conventions and count the operations done', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const meterProvider = new MeterProvider({ readers: [reader] });
    monitor = DatabaseMonitor.attach(manager, { intervalMs: 50 });
    const otel = await openTelemetryExporter(monitor, { meterProvider });
    await work();
    await healthSampled();
    await reader.forceFlush();
    const metrics: MetricData[] = exporter
      .getMetrics()
      .at(-1)!
      .scopeMetrics.flatMap((s) => s.metrics);
    const byName = (name: string) => {
      const found = metrics.find((m) => m.descriptor.name === name);
      expect(found, `${name} among ${metrics.map((m) => m.descriptor.name).join(', ')}`).toBeDefined();
      return found!;
    };

    const duration = byName('db.client.operation.duration') as HistogramMetricData;
    expect(duration.descriptor.unit).toBe('s');
    expect(duration.dataPointType).toBe(DataPointType.HISTOGRAM);
    const point = (attributes: Record<string, string>) =>
      duration.dataPoints.find((p) => Object.entries(attributes).every(([k, v]) => p.attributes[k] === v));
    expect(point({ 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT' })!.value.count).toBe(3);
    expect(point({ 'db.system.name': 'mongodb', 'db.operation.name': 'find' })!.value.count).toBe(1);
    expect(point({ 'db.system.name': 'redis', 'db.operation.name': 'set' })!.value.count).toBe(1);
    expect(
      point({ 'db.system.name': 'redis', 'db.operation.name': 'hget', 'error.type': 'ReplyError' })!.value
        .count,
    ).toBe(1);
    expect(point({ 'db.system.name': 'qdrant', 'db.operation.name': 'getCollections' })!.value.count).toBe(1);
    const selects = point({ 'db.operation.name': 'SELECT' })!.value;
    expect(selects.sum).toBeGreaterThan(0);
    expect(selects.sum).toBeLessThan(5); // seconds, not milliseconds

    const connections = byName('db.client.connection.count');
    const states = connections.dataPoints
      .filter((p) => p.attributes['db.system.name'] === 'postgresql')
      .map((p) => p.attributes['db.client.connection.state'])
      .sort();
    expect(states).toEqual(['idle', 'used']);
    expect(
      byName('db.client.connection.max').dataPoints.find(
        (p) => p.attributes['db.system.name'] === 'postgresql',
      )!.value,
    ).toBe(manager.config.postgres!.poolSize);
    expect(byName('db.client.connection.pending_requests').dataPoints.length).toBe(4);
    const up = byName('database_config.health.up').dataPoints;
    expect(up.map((p) => p.value)).toEqual([1, 1, 1, 1]);
    const circuits = byName('database_config.circuit.state').dataPoints.filter((p) => p.value === 1);
    expect(circuits.map((p) => p.attributes['database_config.circuit.state'])).toEqual([
      'closed',
      'closed',
      'closed',
      'closed',
    ]);

    otel.stop();
    await meterProvider.shutdown();
  });

  it('name the missing peer and its install command', async () => {
    monitor = new DatabaseMonitor();
    const load = openTelemetryPeer.load;
    openTelemetryPeer.load = () => import('@opentelemetry/api-not-installed' as string);
    try {
      const error = await openTelemetryExporter(monitor).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingPeerDependencyError);
      expect((error as Error).message).toBe(
        'DatabaseMonitor (OpenTelemetry metrics) needs the package "@opentelemetry/api", which is not installed: run npm install @opentelemetry/api',
      );
    } finally {
      openTelemetryPeer.load = load;
    }
  });
});

describe('Prometheus text', () => {
  it('through prom-client and through the built-in writer parses, and both say the same', async () => {
    monitor = DatabaseMonitor.attach(manager, { intervalMs: 50 });
    const registry = new Registry();
    const viaClient = await prometheusExporter(monitor, { registry });
    const builtin = await prometheusExporter(monitor, { writer: 'builtin' });
    expect(viaClient.writer).toBe('prom-client');
    expect(builtin.writer).toBe('builtin');
    expect(builtin.contentType).toBe('text/plain; version=0.0.4; charset=utf-8');
    await work();
    await healthSampled();

    const fromClient = parsePrometheus(await viaClient.metrics());
    const fromBuiltin = parsePrometheus(await builtin.metrics());
    expect([...fromBuiltin.types]).toEqual([...fromClient.types]);
    expect(fromBuiltin.types.get('db_client_operation_duration_seconds')).toBe('histogram');
    for (const parsed of [fromClient, fromBuiltin]) {
      const select = { db_system_name: 'postgresql', db_operation_name: 'SELECT' };
      expect(value(parsed, 'db_client_operation_duration_seconds_count', select)).toBe(3);
      expect(value(parsed, 'db_client_operation_duration_seconds_bucket', { ...select, le: '+Inf' })).toBe(3);
      expect(
        value(parsed, 'db_client_operation_errors_total', {
          db_system_name: 'redis',
          db_operation_name: 'hget',
        }),
      ).toBe(1);
      expect(
        value(parsed, 'database_config_client_errors_total', {
          db_system_name: 'redis',
          error_type: 'ReplyError',
        }),
      ).toBe(1);
      expect(value(parsed, 'db_client_connection_max', { db_system_name: 'postgresql' })).toBe(
        manager.config.postgres!.poolSize,
      );
      expect(value(parsed, 'database_config_health_up', { db_system_name: 'mongodb' })).toBe(1);
      expect(
        value(parsed, 'database_config_circuit_state', {
          db_system_name: 'qdrant',
          database_config_circuit_state: 'closed',
        }),
      ).toBe(1);
    }
    // The metrics joined the given registry, readable back through prom-client itself.
    const json = await registry.getMetricsAsJSON();
    const histogram = json.find((m) => m.name === 'db_client_operation_duration_seconds')!;
    const countOf = histogram.values.find(
      (v) =>
        (v as { metricName?: string }).metricName === 'db_client_operation_duration_seconds_count' &&
        v.labels.db_operation_name === 'find',
    );
    expect(countOf?.value).toBe(1);
    viaClient.stop();
    expect(await registry.metrics()).toBe('\n');
  });

  it('falls back to the built-in writer without prom-client, unless prom-client was asked for', async () => {
    monitor = new DatabaseMonitor();
    const load = promClientPeer.load;
    promClientPeer.load = () => import('prom-client-not-installed' as string);
    try {
      expect((await prometheusExporter(monitor)).writer).toBe('builtin');
      const error = await prometheusExporter(monitor, { writer: 'prom-client' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MissingPeerDependencyError);
      expect((error as Error).message).toMatch(
        /needs the package "prom-client", which is not installed: run npm install prom-client/,
      );
    } finally {
      promClientPeer.load = load;
    }
  });
});
