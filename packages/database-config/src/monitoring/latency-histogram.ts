import type { LatencyPercentiles } from './monitor-types.js';

// Hand-written rather than hdr-histogram-js or prom-client's summary: percentiles must cover a
// rolling window in fixed memory and be cheap to record (a few array writes per operation), and
// the exporters need plain cumulative buckets; neither library gives both without a dependency
// on a peer the user may not have.

/** Fine buckets for percentiles: geometric, 4 % wide, from 10 µs to 10 minutes. */
const FINE_BASE_MS = 0.01;
const FINE_GROWTH = 1.04;
const FINE_LOG = Math.log(FINE_GROWTH);
export const FINE_BUCKETS = Math.ceil(Math.log(600_000 / FINE_BASE_MS) / FINE_LOG) + 1;
/** Slots the rolling window is cut into; the window slides one slot at a time. */
export const WINDOW_SLOTS = 10;

function fineIndex(durationMs: number): number {
  if (!(durationMs > FINE_BASE_MS)) return 0;
  return Math.min(FINE_BUCKETS - 1, Math.ceil(Math.log(durationMs / FINE_BASE_MS) / FINE_LOG));
}

/** The middle of a fine bucket (geometric), as the estimate of the durations in it. */
function fineValue(index: number): number {
  return index === 0 ? FINE_BASE_MS : FINE_BASE_MS * FINE_GROWTH ** (index - 0.5);
}

/**
 * Latencies of one kind of operation in fixed memory: cumulative counts per export bucket since
 * creation, and fine buckets in a ring of time slots for percentiles over the rolling window.
 */
export class LatencyHistogram {
  readonly bucketsMs: readonly number[];
  /** Per export bucket, the last one +Inf; not cumulative. */
  readonly counts: Float64Array;
  count = 0;
  sumMs = 0;
  errors = 0;
  timeouts = 0;
  /** When (performance.now() ms) the last slow operation of this kind ended. */
  lastSlowAt = Number.NEGATIVE_INFINITY;
  readonly #slotMs: number;
  readonly #slots: (Uint32Array | undefined)[] = new Array(WINDOW_SLOTS).fill(undefined);
  readonly #epochs = new Float64Array(WINDOW_SLOTS).fill(-1);

  constructor(bucketsMs: readonly number[], windowMs: number) {
    this.bucketsMs = bucketsMs;
    this.counts = new Float64Array(bucketsMs.length + 1);
    this.#slotMs = windowMs / WINDOW_SLOTS;
  }

  /** Records one duration at `now` (performance.now() milliseconds). */
  record(durationMs: number, now: number, failed = false, timedOut = false): void {
    this.count += 1;
    this.sumMs += durationMs;
    if (failed) this.errors += 1;
    if (timedOut) this.timeouts += 1;
    const buckets = this.bucketsMs;
    let bucket = 0;
    while (bucket < buckets.length && durationMs > buckets[bucket]!) bucket += 1;
    this.counts[bucket]! += 1;

    const epoch = Math.floor(now / this.#slotMs);
    const slot = epoch % WINDOW_SLOTS;
    let fine = this.#slots[slot];
    if (this.#epochs[slot] !== epoch) {
      if (fine) fine.fill(0);
      this.#epochs[slot] = epoch;
    }
    if (!fine) {
      fine = new Uint32Array(FINE_BUCKETS);
      this.#slots[slot] = fine;
    }
    fine[fineIndex(durationMs)]! += 1;
  }

  /** Adds this histogram's window to `into` (fine bucket counts), for percentiles over several kinds. */
  addWindow(into: Float64Array, now: number): void {
    const epoch = Math.floor(now / this.#slotMs);
    for (let slot = 0; slot < WINDOW_SLOTS; slot += 1) {
      const fine = this.#slots[slot];
      const age = epoch - this.#epochs[slot]!;
      if (!fine || age < 0 || age >= WINDOW_SLOTS) continue;
      for (let i = 0; i < FINE_BUCKETS; i += 1) into[i]! += fine[i]!;
    }
  }

  /** Percentiles over the rolling window ending at `now`. */
  percentiles(now: number): LatencyPercentiles {
    const window = new Float64Array(FINE_BUCKETS);
    this.addWindow(window, now);
    return percentilesOf(window);
  }

  /** Fine-bucket arrays allocated (at most {@link WINDOW_SLOTS}), for the memory-bound checks. */
  get allocatedSlots(): number {
    return this.#slots.filter(Boolean).length;
  }
}

/** p50/p95/p99 of fine bucket counts. */
export function percentilesOf(window: Float64Array): LatencyPercentiles {
  let total = 0;
  for (let i = 0; i < window.length; i += 1) total += window[i]!;
  if (total === 0) return { windowCount: 0, p50: 0, p95: 0, p99: 0 };
  const targets = [0.5, 0.95, 0.99].map((q) => Math.max(1, Math.ceil(q * total)));
  const values: number[] = [];
  let seen = 0;
  let target = 0;
  for (let i = 0; i < window.length && target < targets.length; i += 1) {
    seen += window[i]!;
    while (target < targets.length && seen >= targets[target]!) {
      values.push(round(fineValue(i)));
      target += 1;
    }
  }
  return { windowCount: total, p50: values[0]!, p95: values[1]!, p99: values[2]! };
}

const round = (ms: number) => Math.round(ms * 1000) / 1000;
