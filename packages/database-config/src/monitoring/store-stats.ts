import type { StoreName } from '../stores.js';
import { FINE_BUCKETS, LatencyHistogram, percentilesOf } from './latency-histogram.js';
import type { KindStats, OperationHistogram, OperationStats } from './monitor-types.js';

/** Name of the kind that operations beyond `maxKindsPerStore` distinct kinds are counted under. */
export const OTHER_KIND = 'other';
const MAX_ERROR_TYPES = 32;

/** Everything recorded about one store's operations, in memory bounded by the kinds limit. */
export class StoreStats {
  readonly store: StoreName;
  readonly #kinds = new Map<string, LatencyHistogram>();
  readonly #errorsByType = new Map<string, number>();
  readonly #bucketsMs: readonly number[];
  readonly #windowMs: number;
  readonly #maxKinds: number;
  /** Time to get a connection from the pool. */
  readonly acquireWait: LatencyHistogram;
  reconnects = 0;

  constructor(store: StoreName, bucketsMs: readonly number[], windowMs: number, maxKinds: number) {
    this.store = store;
    this.#bucketsMs = bucketsMs;
    this.#windowMs = windowMs;
    this.#maxKinds = maxKinds;
    this.acquireWait = new LatencyHistogram(bucketsMs, windowMs);
  }

  /** Records one operation; `kind` is folded into {@link OTHER_KIND} past the limit. */
  record(
    kind: string,
    durationMs: number,
    now: number,
    error: string | undefined,
    timedOut: boolean,
  ): string {
    let histogram = this.#kinds.get(kind);
    if (!histogram) {
      if (this.#kinds.size >= this.#maxKinds) kind = OTHER_KIND;
      histogram = this.#kinds.get(kind);
      if (!histogram) {
        histogram = new LatencyHistogram(this.#bucketsMs, this.#windowMs);
        this.#kinds.set(kind, histogram);
      }
    }
    histogram.record(durationMs, now, error !== undefined, timedOut);
    if (error !== undefined) {
      const type =
        this.#errorsByType.has(error) || this.#errorsByType.size < MAX_ERROR_TYPES ? error : OTHER_KIND;
      this.#errorsByType.set(type, (this.#errorsByType.get(type) ?? 0) + 1);
    }
    return kind;
  }

  /** Notes that an operation of `kind` was slow at `now` (so `auto` caller capture turns on for it). */
  markSlow(kind: string, now: number): void {
    const histogram = this.#kinds.get(kind);
    if (histogram) histogram.lastSlowAt = now;
  }

  /** Whether an operation of `kind` (or of `other`, when it is folded there) was slow in the window ending at `now`. */
  slowLately(kind: string, now: number): boolean {
    const histogram = this.#kinds.get(kind) ?? this.#kinds.get(OTHER_KIND);
    return histogram !== undefined && now - histogram.lastSlowAt < this.#windowMs;
  }

  /** Totals, percentiles over the window ending at `now`, and the same per kind. */
  operations(now: number): OperationStats {
    const all = new Float64Array(FINE_BUCKETS);
    const byKind: Record<string, KindStats> = {};
    let count = 0;
    let errors = 0;
    let timeouts = 0;
    for (const [kind, histogram] of this.#kinds) {
      histogram.addWindow(all, now);
      byKind[kind] = {
        count: histogram.count,
        errors: histogram.errors,
        timeouts: histogram.timeouts,
        ...histogram.percentiles(now),
      };
      count += histogram.count;
      errors += histogram.errors;
      timeouts += histogram.timeouts;
    }
    return {
      count,
      errors,
      timeouts,
      ...percentilesOf(all),
      byKind,
      errorsByType: Object.fromEntries(this.#errorsByType),
    };
  }

  /** The cumulative histogram of each kind. */
  histograms(): OperationHistogram[] {
    return [...this.#kinds].map(([kind, h]) => ({
      store: this.store,
      kind,
      bucketsMs: h.bucketsMs,
      counts: [...h.counts],
      count: h.count,
      sumMs: h.sumMs,
      errors: h.errors,
      timeouts: h.timeouts,
    }));
  }

  /** Sizes of the bounded structures, for the memory checks. */
  footprint(): { kinds: number; errorTypes: number; windowSlots: number } {
    let windowSlots = this.acquireWait.allocatedSlots;
    for (const histogram of this.#kinds.values()) windowSlots += histogram.allocatedSlots;
    return { kinds: this.#kinds.size, errorTypes: this.#errorsByType.size, windowSlots };
  }
}
