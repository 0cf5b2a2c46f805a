import type { CircuitStatus, StoreHealth } from '../config/health.js';
import type { StoreName } from '../stores.js';

/** One operation a monitored client ran (a SQL statement, a Mongo command, a Redis command, a Qdrant call). */
export interface OperationRecord {
  store: StoreName;
  /** SQL statement kind (`SELECT`, `INSERT`...), Mongo command name, Redis command, Qdrant client method. */
  kind: string;
  /** The statement or command, masked: SQL without literals, Redis without values, no URLs. */
  statement?: string;
  durationMs: number;
  ok: boolean;
  /** The error's name and message, when it failed. */
  error?: string;
  /** The type the failure is counted under: `timeout`, the error's code (`WRONGTYPE`...) or its name. */
  errorType?: string;
  /** Whether it failed by timing out. */
  timedOut?: boolean;
  /** When it started, in milliseconds since the epoch. */
  startedAt: number;
  /** The caller's frame (`at fn (file:line:col)`), on slow operations when `captureCallers` is on. */
  source?: string;
}

/** Latency percentiles over the rolling window, in milliseconds (0 when nothing ran in it). */
export interface LatencyPercentiles {
  /** Operations in the window. */
  windowCount: number;
  p50: number;
  p95: number;
  p99: number;
}

/** Counts since the monitor attached, and latency over the rolling window. */
export interface KindStats extends LatencyPercentiles {
  /** Operations since attached. */
  count: number;
  errors: number;
  timeouts: number;
}

/** A store's operations: totals, latency, and the same per operation kind. */
export interface OperationStats extends KindStats {
  /** Per kind (`SELECT`, `find`, `get`, `query`...); kinds beyond `maxKindsPerStore` count as `other`. */
  byKind: Record<string, KindStats>;
  /** Failures by error type (the error's name or code). */
  errorsByType: Record<string, number>;
}

/**
 * A store's connections. PostgreSQL: the pg pool; MongoDB: the driver's pool (from its CMAP
 * events); Redis: the one connection and its queues; Qdrant: requests in flight.
 */
export interface PoolSnapshot {
  /** Open connections (absent when the client has no pool of its own, as Qdrant's). */
  total?: number;
  idle?: number;
  used?: number;
  /** The pool's size limit. */
  max?: number;
  /** Requests waiting for a connection (pg/Mongo wait queue, ioredis offline queue). */
  waiting: number;
  /** Requests sent and not yet answered (ioredis command queue, Qdrant calls in flight). */
  inFlight?: number;
  /** Time to get a connection from the pool, over the rolling window (pg, Mongo). */
  acquireWaitMs?: LatencyPercentiles;
}

/** One store, as the monitor sees it. */
export interface StoreSnapshot {
  store: StoreName;
  /** The client's connection status (`ready`, `reconnecting`, `connected`, `disconnected`...). */
  status: string;
  pool: PoolSnapshot;
  operations: OperationStats;
  /** The last health check (sampled each interval through `DatabaseManager.health()`). */
  health?: StoreHealth;
  /** The store's circuit breaker (when attached to a `DatabaseManager`). */
  circuit?: CircuitStatus;
  /** Connections re-established after being lost. */
  reconnects: number;
}

/** Everything the monitor knows at one moment. */
export interface MonitorSnapshot {
  /** ISO time the snapshot was taken. */
  takenAt: string;
  /** The rolling window the percentiles cover, in milliseconds. */
  windowMs: number;
  stores: Partial<Record<StoreName, StoreSnapshot>>;
  /** The latest slow operations, newest first (at most `maxSlowOperations`). */
  slowOperations: OperationRecord[];
}

/** A change the monitor saw: a circuit breaker, a health status or a client's connection status. */
export interface StateChange {
  store: StoreName;
  what: 'circuit' | 'health' | 'connection';
  /** The previous state (`undefined` for the first one seen). */
  from: string | undefined;
  to: string;
  /** ISO time of the change. */
  at: string;
  /** Why, when known (the health check's error). */
  detail?: string;
}

/** The events of a {@link DatabaseMonitor} and what their listeners receive. */
export interface MonitorEvents {
  /** Every operation of the attached clients (not the monitor's own health checks). */
  operation: OperationRecord;
  /** A snapshot, taken each interval. */
  sample: MonitorSnapshot;
  /** An operation that took `slowThresholdMs` or longer. */
  slow: OperationRecord;
  state: StateChange;
  /** A failure inside the monitor (a sample that failed, a listener that threw); never thrown. */
  error: Error;
}

/** The cumulative latency histogram of one store and operation kind, for exporters. */
export interface OperationHistogram {
  store: StoreName;
  kind: string;
  /** Upper bounds of the buckets, in milliseconds (the last bucket, +Inf, is implied). */
  bucketsMs: readonly number[];
  /** Operations per bucket, not cumulative; one more entry than `bucketsMs` (the +Inf bucket). */
  counts: readonly number[];
  count: number;
  /** Sum of the durations, in milliseconds. */
  sumMs: number;
  errors: number;
  timeouts: number;
}
