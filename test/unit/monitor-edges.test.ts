import { metrics } from '@opentelemetry/api';
import {
  AggregationTemporality,
  InMemoryMetricExporter,
  MeterProvider,
  PeriodicExportingMetricReader,
  type HistogramMetricData,
} from '@opentelemetry/sdk-metrics';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import {
  ConfigValidationError,
  DatabaseMonitor,
  openTelemetryExporter,
  prometheusExporter,
  type OperationRecord,
} from 'database-config';
import { describeCallSite } from '../../packages/database-config/src/monitoring/call-site.js';
import { writePrometheusText } from '../../packages/database-config/src/monitoring/exporters/prometheus-text.js';
import { patchMethod } from '../../packages/database-config/src/monitoring/probes/store-probe.js';
import {
  describeOperationError,
  errorType,
  isTimeout,
} from '../../packages/database-config/src/monitoring/statement.js';
import { StoreStats } from '../../packages/database-config/src/monitoring/store-stats.js';

const invalid = (options: ConstructorParameters<typeof DatabaseMonitor>[0]) => {
  try {
    new DatabaseMonitor(options);
  } catch (error) {
    return error as ConfigValidationError;
  }
  throw new Error('the options were accepted');
};

const op = (overrides: Partial<OperationRecord> = {}): OperationRecord => ({
  store: 'redis',
  kind: 'get',
  durationMs: 1,
  ok: true,
  startedAt: Date.now(),
  ...overrides,
});

describe('DatabaseMonitor option validation', () => {
  it.each([
    [{ slowThresholdMs: Infinity }, 'slowThresholdMs', 'is not a number of milliseconds, 0 or more'],
    [{ slowThresholdMs: '200' as never }, 'slowThresholdMs', 'is not a number of milliseconds, 0 or more'],
    [{ windowMs: 999 }, 'windowMs', 'is not an integer from 1000 to 86400000'],
    [{ maxKindsPerStore: 0 }, 'maxKindsPerStore', 'is not an integer from 1 to 1000'],
    [{ maxSlowOperations: -1 }, 'maxSlowOperations', 'is not an integer from 0 to 100000'],
    [{ bucketsMs: [] }, 'bucketsMs', 'is not 1 to 100 increasing positive numbers'],
    [{ bucketsMs: [0, 1] }, 'bucketsMs', 'is not 1 to 100 increasing positive numbers'],
    [{ bucketsMs: [1, 1] }, 'bucketsMs', 'is not 1 to 100 increasing positive numbers'],
    [{ bucketsMs: Array.from({ length: 101 }, (_, i) => i + 1) }, 'bucketsMs', 'is not 1 to 100'],
    [{ bucketsMs: 'fast' as never }, 'bucketsMs', 'is not 1 to 100 increasing positive numbers'],
    [{ sampleHealth: 'yes' as never }, 'sampleHealth', 'is not a boolean'],
  ])('refuses %j, naming %s', (options, path, problem) => {
    const error = invalid(options);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error.issues).toHaveLength(1);
    expect(error.issues[0]!.source).toBe(`DatabaseMonitor({ ${path} })`);
    expect(error.message).toContain(problem);
  });

  it('shows NaN and Infinity as they were given, not as JSON null', () => {
    const error = invalid({
      maxSlowOperations: Number.NaN,
      slowThresholdMs: Infinity,
      intervalMs: -Infinity,
    });
    expect(error.issues.map((issue) => issue.problem)).toEqual([
      '-Infinity is not an integer from 1 to 3600000',
      'NaN is not an integer from 0 to 100000',
      'Infinity is not a number of milliseconds, 0 or more',
    ]);
    expect(error.message).not.toContain('null');
  });

  it('accepts the edges of each range', async () => {
    await using monitor = new DatabaseMonitor({
      intervalMs: 1,
      slowThresholdMs: 0,
      windowMs: 1000,
      maxSlowOperations: 0,
      maxKindsPerStore: 1,
      bucketsMs: [0.5],
      captureCallers: false,
      sampleHealth: false,
    });
    expect(monitor.options).toMatchObject({ intervalMs: 1, maxSlowOperations: 0, bucketsMs: [0.5] });
  });
});

describe('DatabaseMonitor.record', () => {
  it('counts failures by type, a timeout as a timeout, and reports slow ones with their statement and source', async () => {
    await using monitor = new DatabaseMonitor({ slowThresholdMs: 50 });
    const slow: OperationRecord[] = [];
    monitor.on('slow', (record) => slow.push(record));
    monitor.record(op({ kind: 'set', durationMs: 80, ok: false, timedOut: true, statement: 'SET (2 args)' }));
    monitor.record(op({ kind: 'set', durationMs: 2, ok: false, errorType: 'ECONNRESET' }));
    monitor.record(op({ kind: 'set', durationMs: 3, ok: false }));
    monitor.record(op({ kind: 'get', durationMs: 60, source: 'at handler (src/app.ts:3:7)' }));

    const redis = monitor.snapshot().stores.redis!;
    expect(redis.status).toBe('not attached');
    expect(redis.pool).toEqual({ waiting: 0 });
    expect(redis.circuit).toBeUndefined();
    expect(redis.operations).toMatchObject({
      count: 4,
      errors: 3,
      timeouts: 1,
      errorsByType: { timeout: 1, ECONNRESET: 1, Error: 1 },
    });
    expect(slow).toEqual([
      expect.objectContaining({
        kind: 'set',
        ok: false,
        timedOut: true,
        errorType: 'timeout',
        error: 'TimeoutError: failed',
        statement: 'SET (2 args)',
      }),
      expect.objectContaining({ kind: 'get', ok: true, source: 'at handler (src/app.ts:3:7)' }),
    ]);
    expect(slow[1]).not.toHaveProperty('statement');
    expect(monitor.snapshot().slowOperations.map((r) => r.kind)).toEqual(['get', 'set']);
  });

  it('with maxSlowOperations 0 keeps no slow operation but still emits them', async () => {
    await using monitor = new DatabaseMonitor({ slowThresholdMs: 0, maxSlowOperations: 0 });
    let emitted = 0;
    monitor.on('slow', () => (emitted += 1));
    for (let i = 0; i < 3; i += 1) monitor.record(op());
    expect(emitted).toBe(3);
    expect(monitor.snapshot().slowOperations).toEqual([]);
    expect(monitor.footprint().slowOperations).toBe(0);
  });

  it('turns a listener throwing a non-Error into an error event, survives a throwing error listener, and forgets removed listeners', async () => {
    await using monitor = new DatabaseMonitor({ slowThresholdMs: 0 });
    const errors: Error[] = [];
    monitor.on('operation', () => {
      throw 'not an Error';
    });
    monitor.on('error', () => {
      throw new Error('the error listener fails too');
    });
    monitor.on('error', (error) => errors.push(error));
    const never = () => {
      throw new Error('removed, never called');
    };
    monitor.off('slow', never); // never added: harmless
    monitor.on('slow', never).off('slow', never);
    expect(() => monitor.record(op())).not.toThrow();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(Error);
    expect(errors[0]!.message).toBe('not an Error');
  });

  it('records nothing and refuses attaching once closed', async () => {
    const monitor = new DatabaseMonitor();
    await monitor.close();
    await monitor.close(); // again: harmless
    monitor.record(op());
    expect(monitor.snapshot().stores).toEqual({});
    expect(() => monitor.attachClients({})).toThrow(
      /attachClients\(\) was called on a closed DatabaseMonitor/,
    );
  });
});

describe('DatabaseMonitor async iteration', () => {
  it('hands a waiting loop each sample, keeps only the latest for a busy one, and ends at once after close', async () => {
    const monitor = new DatabaseMonitor({ intervalMs: 5 });
    const iterator = monitor[Symbol.asyncIterator]();
    const first = await iterator.next(); // waits for a sample
    expect(first.done).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 40)); // several samples meanwhile, one kept
    const kept = await iterator.next(); // resolved from the kept one
    expect(kept.done).toBe(false);
    expect(Date.parse(kept.value!.takenAt)).toBeGreaterThan(Date.parse(first.value!.takenAt));
    expect(monitor.footprint().iterators).toBe(1);
    await monitor.close();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(monitor.footprint().iterators).toBe(0);
    const late = monitor[Symbol.asyncIterator]();
    expect(await late.next()).toEqual({ done: true, value: undefined });
  });
});

describe('operation errors', () => {
  it('are typed by a short string code, else by name, else by what they are', () => {
    expect(errorType(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
    expect(errorType(Object.assign(new TypeError('x'), { code: 'C'.repeat(41) }))).toBe('TypeError');
    expect(errorType(Object.assign(new RangeError('x'), { code: 42 }))).toBe('RangeError');
    expect(errorType('a string')).toBe('string');
    expect(errorType(null)).toBe('object');
  });

  it('are timeouts by name, code or message', () => {
    expect(isTimeout(Object.assign(new Error('x'), { name: 'MongoNetworkTimeoutError' }))).toBe(true);
    expect(isTimeout({ code: 'ETIMEDOUT' })).toBe(true);
    expect(isTimeout({ code: 'UND_ERR_HEADERS_TIMEOUT' })).toBe(true);
    expect(isTimeout(new Error('Command timed out'))).toBe(true);
    expect(isTimeout(new Error('canceling statement due to statement timeout'))).toBe(true);
    expect(isTimeout(new Error('connection refused'))).toBe(false);
    expect(isTimeout({ message: 42 })).toBe(false);
    expect(isTimeout('timeout')).toBe(false);
    expect(isTimeout(undefined)).toBe(false);
  });

  it('are described by their first non-empty line, URLs masked, long ones cut', () => {
    expect(describeOperationError(new Error('\n  \nfirst line\nsecond'))).toBe('Error: first line');
    expect(describeOperationError('redis://user:hunter2@db:6379 refused')).not.toContain('hunter2');
    const long = describeOperationError(new Error('x'.repeat(600)));
    expect(long).toHaveLength(500);
    expect(long.endsWith('...')).toBe(true);
  });
});

describe('call sites', () => {
  it('name the first application frame, file URLs as paths relative to the working directory', () => {
    const cwd = process.cwd();
    const stack = [
      'Error',
      '    at Socket.emit (node:events:519:28)',
      `    at run (${cwd}/node_modules/ioredis/built/Redis.js:10:2)`,
      `    at send (${cwd}/packages/database-config/src/monitoring/probes/redis-probe.ts:1:1)`,
      '    at <anonymous>',
      `    at getUser (file://${cwd}/src/users.ts:12:5)`,
    ].join('\n');
    expect(describeCallSite({ stack })).toBe('at getUser (src/users.ts:12:5)');
    // A file URL that is not a local path is left as it is.
    expect(describeCallSite({ stack: 'Error\n    at f (file://remote-host/app.js:1:2)' })).toBe(
      'at f (file://remote-host/app.js:1:2)',
    );
    expect(describeCallSite({ stack: 'Error\n    at g (node:internal/x:1:1)' })).toBeUndefined();
    expect(describeCallSite(undefined)).toBeUndefined();
  });
});

describe('store statistics', () => {
  it('marks only kinds it has seen as slow, and folds unseen kinds into other for the auto capture', () => {
    const stats = new StoreStats('redis', [1, 10], 1000, 1);
    stats.markSlow('never-recorded', 10);
    expect(stats.slowLately('never-recorded', 11)).toBe(false);
    expect(stats.record('get', 5, 10, undefined, false)).toBe('get');
    expect(stats.record('set', 5, 10, undefined, false)).toBe('other');
    stats.markSlow('other', 20);
    expect(stats.slowLately('del', 21)).toBe(true); // would be folded into other
    expect(stats.slowLately('get', 21)).toBe(false);
    expect(stats.slowLately('del', 20 + 1000)).toBe(false); // out of the window
  });
});

describe('patchMethod', () => {
  it('puts back an own method, and leaves a patch someone laid on top of its own', () => {
    const own = () => 'own';
    const target: { run: () => string } = { run: own };
    const restore = patchMethod(target, 'run', (original) => () => `patched ${original()}`);
    expect(target.run()).toBe('patched own');
    restore();
    expect(target.run).toBe(own);

    const restoreAgain = patchMethod(target, 'run', (original) => () => `mine ${original()}`);
    const theirs = () => 'theirs';
    target.run = theirs;
    restoreAgain();
    expect(target.run).toBe(theirs);
  });
});

describe('the built-in Prometheus writer', () => {
  it('escapes label values and help, writes infinities and NaN, and labels-free samples', () => {
    const text = writePrometheusText([
      {
        name: 'odd_gauge',
        help: 'Back\\slash and\nnew line.',
        type: 'gauge',
        labelNames: ['path'],
        samples: [
          { labels: { path: 'C:\\dir "quoted"\nnext' }, value: Infinity },
          { labels: {}, value: -Infinity },
          { labels: {}, value: Number.NaN },
        ],
      },
      {
        name: 'h_seconds',
        help: 'A histogram.',
        type: 'histogram',
        histograms: [{ labels: {}, boundsSeconds: [0.5], counts: [2, 1], sum: Infinity, count: 3 }],
      },
    ]);
    expect(text.split('\n')).toEqual([
      '# HELP odd_gauge Back\\\\slash and\\nnew line.',
      '# TYPE odd_gauge gauge',
      'odd_gauge{path="C:\\\\dir \\"quoted\\"\\nnext"} +Inf',
      'odd_gauge -Inf',
      'odd_gauge NaN',
      '# HELP h_seconds A histogram.',
      '# TYPE h_seconds histogram',
      'h_seconds_bucket{le="0.5"} 2',
      'h_seconds_bucket{le="+Inf"} 3',
      'h_seconds_sum +Inf',
      'h_seconds_count 3',
      '',
    ]);
  });
});

describe('exporters of a monitor fed by record()', () => {
  it('OpenTelemetry: the global MeterProvider by default, failures with their error type, no circuit or health without a manager', async () => {
    const exporter = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ readers: [reader] });
    expect(metrics.setGlobalMeterProvider(provider)).toBe(true);
    try {
      await using monitor = new DatabaseMonitor();
      const otel = await openTelemetryExporter(monitor, { meterName: 'edges' });
      monitor.record(op({ kind: 'get', durationMs: 4 }));
      monitor.record(op({ kind: 'get', durationMs: 6, ok: false, errorType: 'ReplyError' }));
      await reader.forceFlush();
      const scope = exporter
        .getMetrics()
        .at(-1)!
        .scopeMetrics.find((s) => s.scope.name === 'edges')!;
      const names = scope.metrics.map((m) => m.descriptor.name);
      expect(names).not.toContain('database_config.circuit.state');
      expect(names).not.toContain('database_config.health.up');
      const pending = scope.metrics.find(
        (m) => m.descriptor.name === 'db.client.connection.pending_requests',
      )!;
      expect(pending.dataPoints.map((p) => p.value)).toEqual([0]);
      const duration = scope.metrics.find(
        (m) => m.descriptor.name === 'db.client.operation.duration',
      ) as HistogramMetricData;
      const points = duration.dataPoints.map((p) => [p.attributes['error.type'], p.value.count]);
      expect(points).toEqual(
        expect.arrayContaining([
          [undefined, 1],
          ['ReplyError', 1],
        ]),
      );
      otel.stop();
      monitor.record(op({ kind: 'get', durationMs: 4 }));
      await reader.forceFlush();
      const after = exporter
        .getMetrics()
        .at(-1)!
        .scopeMetrics.find((s) => s.scope.name === 'edges')!
        .metrics.find((m) => m.descriptor.name === 'db.client.operation.duration') as HistogramMetricData;
      expect(after.dataPoints.reduce((n, p) => n + p.value.count, 0)).toBe(2); // stopped: not counted
    } finally {
      metrics.disable();
      await provider.shutdown();
    }
  });

  it('Prometheus through prom-client: counts the records, joins a given registry, and leaves it on stop()', async () => {
    await using monitor = new DatabaseMonitor();
    const registry = new Registry();
    const mine = new (await import('prom-client')).Counter({
      name: 'app_requests_total',
      help: 'x',
      registers: [registry],
    });
    mine.inc();
    const exporter = await prometheusExporter(monitor, { registry });
    expect(exporter.contentType).toBe(registry.contentType);
    monitor.record(op({ kind: 'get', durationMs: 3 }));
    monitor.record(op({ kind: 'get', durationMs: 30, ok: false, errorType: 'ReplyError' }));
    const text = await exporter.metrics();
    expect(text).toMatch(/^app_requests_total 1$/m);
    expect(text).toMatch(
      /^db_client_operation_duration_seconds_count\{db_system_name="redis",db_operation_name="get"\} 2$/m,
    );
    expect(text).toMatch(
      /^db_client_operation_errors_total\{db_system_name="redis",db_operation_name="get"\} 1$/m,
    );
    expect(text).toMatch(
      /^database_config_client_errors_total\{db_system_name="redis",error_type="ReplyError"\} 1$/m,
    );
    expect(text).toMatch(
      /^db_client_connection_pending_requests\{db_system_name="redis",db_client_connection_pool_name="redis"\} 0$/m,
    );
    // The built-in writer says the same of the duration histogram.
    const builtin = await (await prometheusExporter(monitor, { writer: 'builtin' })).metrics();
    const histogramLines = (t: string) =>
      t.split('\n').filter((line) => line.startsWith('db_client_operation_duration_seconds_'));
    expect(histogramLines(text)).toEqual(histogramLines(builtin));
    exporter.stop();
    const left = await registry.metrics();
    expect(left).toMatch(/^app_requests_total 1$/m);
    expect(left).not.toContain('db_client');
  });
});
