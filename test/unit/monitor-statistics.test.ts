import { describe, expect, it } from 'vitest';
import { DatabaseMonitor } from 'database-config';
import { LatencyHistogram } from '../../packages/database-config/src/monitoring/latency-histogram.js';
import {
  describeOperationError,
  maskMongoCommand,
  maskQdrantCall,
  maskRedisCommand,
  maskSql,
  sqlKind,
} from '../../packages/database-config/src/monitoring/statement.js';

describe('latency histogram', () => {
  it("gives percentiles within the fine buckets' 4 %, and cumulative export buckets", () => {
    const histogram = new LatencyHistogram([1, 10, 100, 1000], 60_000);
    for (let ms = 1; ms <= 1000; ms += 1) histogram.record(ms, 5_000);
    const { windowCount, p50, p95, p99 } = histogram.percentiles(5_000);
    expect(windowCount).toBe(1000);
    expect(Math.abs(p50 - 500) / 500).toBeLessThan(0.04);
    expect(Math.abs(p95 - 950) / 950).toBeLessThan(0.04);
    expect(Math.abs(p99 - 990) / 990).toBeLessThan(0.04);
    expect([...histogram.counts]).toEqual([1, 9, 90, 900, 0]);
    expect(histogram.count).toBe(1000);
    expect(histogram.sumMs).toBe(500_500);
  });

  it('forgets what fell out of the rolling window, slot by slot', () => {
    const histogram = new LatencyHistogram([1], 10_000); // ten slots of one second
    histogram.record(100, 500);
    histogram.record(1, 5_500);
    expect(histogram.percentiles(9_900).windowCount).toBe(2);
    expect(histogram.percentiles(10_500)).toMatchObject({ windowCount: 1 });
    expect(histogram.percentiles(10_500).p99).toBeLessThan(1.1);
    expect(histogram.percentiles(16_000)).toEqual({ windowCount: 0, p50: 0, p95: 0, p99: 0 });
    // A slot reused after a full turn starts empty.
    histogram.record(50, 20_200);
    expect(histogram.percentiles(20_200).windowCount).toBe(1);
    expect(histogram.count).toBe(3);
  });
});

describe('statements', () => {
  it('masks SQL literals and keeps placeholders and identifiers', () => {
    expect(maskSql("SELECT * FROM t1 WHERE name = 'O''Brien' AND id = 42 AND x = $1")).toBe(
      'SELECT * FROM t1 WHERE name = ? AND id = ? AND x = $1',
    );
    expect(maskSql('INSERT INTO "user" (a) VALUES (E\'secret\\n\', -3.5e2, $$body$$, $tag$x$tag$)')).toBe(
      'INSERT INTO "user" (a) VALUES (?, ?, ?, ?)',
    );
    expect(maskSql(`SELECT  1\n  FROM  x`)).toBe('SELECT ? FROM x');
    expect(maskSql(`SELECT '${'x'.repeat(2000)}', ${'a'.repeat(600)}`)).toHaveLength(500);
    expect(sqlKind('  (select 1)')).toBe('SELECT');
    expect(sqlKind('with x as (select 1) select * from x')).toBe('WITH');
    expect(sqlKind('-- hi')).toBe('OTHER');
  });

  it('shows Redis, Mongo and Qdrant calls without values', () => {
    expect(maskRedisCommand('set', ['session:1', 'token-secret'])).toBe('SET (2 args)');
    expect(maskRedisCommand('ping', [])).toBe('PING (0 args)');
    expect(maskMongoCommand('find', { find: 'users', filter: { email: 'a@b.c' } })).toBe('find users');
    expect(maskMongoCommand('ping', { ping: 1 })).toBe('ping');
    expect(maskQdrantCall('search', 'products')).toBe('search products');
    expect(maskQdrantCall('search', { vector: [1] })).toBe('search');
    expect(maskQdrantCall('api', 'http://u:p@host')).toBe('api');
  });

  it('masks passwords in URLs of error messages', () => {
    const error = new Error('connect to postgresql://app:hunter2@db:5432/app failed');
    expect(describeOperationError(error)).toBe('Error: connect to postgresql://app:****@db:5432/app failed');
  });
});

describe('events', () => {
  it('turns a listener that throws into an error event, and never throws to the caller', async () => {
    await using monitor = new DatabaseMonitor({ slowThresholdMs: 5 });
    const errors: Error[] = [];
    monitor.on('operation', () => {
      throw new Error('listener broke');
    });
    monitor.on('error', (error) => errors.push(error));
    monitor.on('error', () => {
      throw new Error('so did this one');
    });
    const slow: string[] = [];
    monitor.on('slow', (op) => slow.push(`${op.kind} ${op.durationMs}`));
    const base = { store: 'redis' as const, ok: true, startedAt: Date.now() };
    expect(() => monitor.record({ ...base, kind: 'get', durationMs: 1 })).not.toThrow();
    monitor.record({ ...base, kind: 'set', durationMs: 9, source: 'at handler (src/app.ts:3:1)' });
    expect(errors.map((e) => e.message)).toEqual(['listener broke', 'listener broke']);
    expect(slow).toEqual(['set 9']);
    expect(monitor.snapshot().slowOperations[0]).toMatchObject({
      kind: 'set',
      source: 'at handler (src/app.ts:3:1)',
    });
    expect(monitor.snapshot().stores.redis!.operations.count).toBe(2);
  });
});
