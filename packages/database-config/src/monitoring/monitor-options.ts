import { ConfigValidationError, type ConfigIssue } from '../errors.js';

/** Options of a {@link DatabaseMonitor}. */
export interface DatabaseMonitorOptions {
  /** Milliseconds between two samples (health checks, `sample` events, async iteration). @default 1000 */
  intervalMs?: number;
  /** Operations taking at least this many milliseconds are reported as slow. @default 200 */
  slowThresholdMs?: number;
  /** The rolling window latency percentiles cover, in milliseconds. @default 60000 */
  windowMs?: number;
  /** Slow operations kept for snapshots (the oldest are dropped). @default 100 */
  maxSlowOperations?: number;
  /**
   * Upper bounds, in milliseconds, of the cumulative histogram buckets the exporters publish.
   * @default [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000]
   */
  bucketsMs?: readonly number[];
  /** Distinct operation kinds tracked per store; further kinds are counted as `other`. @default 32 */
  maxKindsPerStore?: number;
  /**
   * Record the caller's frame on slow operations. A stack capture per operation costs about 7 µs
   * (see the benchmark), so by default (`auto`) it is taken only for the operation kinds (per
   * store) that were slow in the last `windowMs`: the first slow operation of a kind has no
   * `source`, the next ones do. `true`: every operation; `false`: never. @default 'auto'
   */
  captureCallers?: boolean | 'auto';
  /** Check health through `DatabaseManager.health()` on each sample (when attached to a manager). @default true */
  sampleHealth?: boolean;
}

export const DEFAULT_BUCKETS_MS = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

export type ResolvedMonitorOptions = Required<DatabaseMonitorOptions>;

/** The options with their defaults; a {@link ConfigValidationError} lists every invalid one. */
export function resolveMonitorOptions(options: DatabaseMonitorOptions = {}): ResolvedMonitorOptions {
  const resolved: ResolvedMonitorOptions = {
    intervalMs: options.intervalMs ?? 1000,
    slowThresholdMs: options.slowThresholdMs ?? 200,
    windowMs: options.windowMs ?? 60_000,
    maxSlowOperations: options.maxSlowOperations ?? 100,
    bucketsMs: options.bucketsMs ?? DEFAULT_BUCKETS_MS,
    maxKindsPerStore: options.maxKindsPerStore ?? 32,
    captureCallers: options.captureCallers ?? 'auto',
    sampleHealth: options.sampleHealth ?? true,
  };
  const issues: ConfigIssue[] = [];
  const issue = (path: string, value: unknown, problem: string, example: string) =>
    issues.push({
      store: 'options',
      source: `DatabaseMonitor({ ${path} })`,
      // JSON would print NaN and Infinity as null: numbers are shown as the user wrote them.
      problem: `${typeof value === 'number' ? String(value) : (JSON.stringify(value) ?? String(value))} ${problem}`,
      example,
    });
  const integer = (path: keyof DatabaseMonitorOptions, min: number, max: number, example: string) => {
    const value = resolved[path];
    if (!(Number.isInteger(value) && (value as number) >= min && (value as number) <= max))
      issue(path, value, `is not an integer from ${min} to ${max}`, example);
  };
  integer('intervalMs', 1, 3_600_000, '1000');
  integer('windowMs', 1000, 86_400_000, '60000');
  integer('maxSlowOperations', 0, 100_000, '100');
  integer('maxKindsPerStore', 1, 1000, '32');
  const threshold = resolved.slowThresholdMs;
  if (!(typeof threshold === 'number' && Number.isFinite(threshold) && threshold >= 0))
    issue('slowThresholdMs', threshold, 'is not a number of milliseconds, 0 or more', '200');
  const buckets = resolved.bucketsMs;
  if (
    !Array.isArray(buckets) ||
    buckets.length === 0 ||
    buckets.length > 100 ||
    !buckets.every(
      (b, i) => typeof b === 'number' && b > 0 && Number.isFinite(b) && (i === 0 || b > buckets[i - 1]!),
    )
  )
    issue('bucketsMs', buckets, 'is not 1 to 100 increasing positive numbers', '[5, 10, 50, 100, 500, 1000]');
  if (typeof resolved.captureCallers !== 'boolean' && resolved.captureCallers !== 'auto')
    issue('captureCallers', resolved.captureCallers, "is not true, false or 'auto'", "'auto'");
  if (typeof resolved.sampleHealth !== 'boolean')
    issue('sampleHealth', resolved.sampleHealth, 'is not a boolean', 'true');
  if (issues.length > 0) throw new ConfigValidationError(issues);
  return resolved;
}
