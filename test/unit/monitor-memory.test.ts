import { describe, expect, it } from 'vitest';
import { DatabaseMonitor, type MonitorSnapshot, type OperationRecord } from 'database-config';
import { WINDOW_SLOTS } from '../../packages/database-config/src/monitoring/latency-histogram.js';

const op = (i: number): OperationRecord => ({
  store: (['postgres', 'mongodb', 'redis', 'qdrant'] as const)[i % 4]!,
  kind: `kind-${i % 500}`,
  statement: `statement ${i}`,
  durationMs: (i % 1000) / 4,
  ok: i % 7 !== 0,
  ...(i % 7 === 0 ? { error: `failure ${i}`, errorType: `E${i % 300}` } : {}),
  startedAt: Date.now(),
});

describe('DatabaseMonitor memory', () => {
  it('stays bounded however many operations, kinds, error types and slow ones it records', async () => {
    await using monitor = new DatabaseMonitor({
      maxKindsPerStore: 16,
      maxSlowOperations: 25,
      slowThresholdMs: 200,
    });
    let seen = 0;
    monitor.on('operation', () => (seen += 1));
    const sizes: ReturnType<DatabaseMonitor['footprint']>[] = [];
    for (let round = 0; round < 4; round += 1) {
      for (let i = 0; i < 50_000; i += 1) monitor.record(op(round * 50_000 + i));
      sizes.push(monitor.footprint());
    }
    expect(seen).toBe(200_000);
    // Per store: 16 kinds and `other`; 32 error types and `other`; window slots for those and the acquire wait.
    expect(sizes.at(-1)).toEqual({
      stores: 4,
      kinds: 4 * 17,
      errorTypes: 4 * 33,
      windowSlots: expect.any(Number),
      slowOperations: 25,
      iterators: 0,
    });
    expect(sizes.at(-1)!.windowSlots).toBeLessThanOrEqual(4 * 18 * WINDOW_SLOTS);
    // Flat after the first round filled the structures (window slots grow only as time slots start, up to their bound).
    const withoutSlots = ({ windowSlots: _, ...rest }: (typeof sizes)[number]) => rest;
    expect(withoutSlots(sizes[1]!)).toEqual(withoutSlots(sizes.at(-1)!));
    const { stores, slowOperations } = monitor.snapshot();
    expect(Object.keys(stores.redis!.operations.byKind)).toHaveLength(17);
    expect(stores.redis!.operations.byKind.other!.count).toBeGreaterThan(40_000);
    expect(stores.redis!.operations.count).toBe(50_000);
    expect(Object.keys(stores.redis!.operations.errorsByType)).toHaveLength(33);
    expect(slowOperations).toHaveLength(25);
    expect(slowOperations.every((o) => o.durationMs >= 200)).toBe(true);
  });

  it('keeps one snapshot for an iterator that does not read, and none once it stops', async () => {
    await using monitor = new DatabaseMonitor({ intervalMs: 5 });
    const samples: MonitorSnapshot[] = [];
    monitor.on('sample', (snapshot) => samples.push(snapshot));
    const iterator = monitor[Symbol.asyncIterator]();
    await new Promise((resolve) => setTimeout(resolve, 60)); // several samples, none read
    expect(monitor.footprint().iterators).toBe(1);
    const first = await iterator.next();
    expect(samples.length).toBeGreaterThan(2);
    // The latest sample was kept, not a backlog: the older ones are gone.
    expect(first.value).toBe(samples.at(-1));
    const second = await iterator.next();
    expect(second.value).not.toBe(first.value);
    expect(samples).toContain(second.value);
    await iterator.return!();
    expect(monitor.footprint().iterators).toBe(0);
  });

  it('ends iterations when closed, and records nothing after', async () => {
    const monitor = new DatabaseMonitor({ intervalMs: 10 });
    const loop = (async () => {
      let samples = 0;
      for await (const snapshot of monitor) {
        expect(snapshot.windowMs).toBe(60_000);
        samples += 1;
      }
      return samples;
    })();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await monitor.close();
    expect(await loop).toBeGreaterThan(0);
    monitor.record(op(1));
    expect(monitor.snapshot().stores).toEqual({});
    await monitor.close();
  });
});
