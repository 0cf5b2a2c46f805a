// The per-test loop every reset figure comes from.
import type { Results } from './results.js';
import { summarize } from './stats.js';

/**
 * One test: the reset's milliseconds and the body's. `i` is a non-negative integer, distinct per
 * call (the bodies derive row keys and Qdrant point ids, which must be unsigned, from it).
 */
export type Iteration = (i: number) => Promise<{ reset: number; write: number }>;

const now = () => performance.now();

/**
 * Runs `iteration` `warmup` times unkept (as tests n .. n + warmup - 1), then `n` times (tests
 * 0 .. n - 1), and records `<key>` (p50/p99) and `<key>.write`; the trend (median of the last
 * fifth over the first fifth) shows growth.
 */
export async function measure(
  results: Results,
  key: string,
  n: number,
  warmup: number,
  iteration: Iteration,
) {
  for (let i = 0; i < warmup; i += 1) await iteration(n + i);
  const resets: number[] = [];
  const writes: number[] = [];
  for (let i = 0; i < n; i += 1) {
    const r = await iteration(i);
    resets.push(r.reset);
    writes.push(r.write);
  }
  const s = results.percentiles(key, resets);
  results.percentiles(`${key}.write`, writes);
  const fifth = Math.max(1, Math.floor(n / 5));
  const trend = summarize(resets.slice(-fifth)).p50 / summarize(resets.slice(0, fifth)).p50;
  (results.stats[key] as typeof s & { trend?: number }).trend = Math.round(trend * 100) / 100;
  return s;
}

/** Times `before` + `after` (the reset) around `body` (the test's writes, timed apart). */
export async function around(
  before: () => Promise<unknown>,
  body: () => Promise<unknown>,
  after: () => Promise<unknown>,
): Promise<{ reset: number; write: number }> {
  const a = now();
  await before();
  const b = now();
  await body();
  const c = now();
  await after();
  const d = now();
  return { reset: b - a + (d - c), write: c - b };
}

export const nothing = async () => undefined;

/** Logs a recorded figure. */
export function logged(results: Results, log: (line: string) => void) {
  return (key: string) => {
    const s = results.stats[key]!;
    log(`  ${key.padEnd(36)} p50 ${s.p50.toFixed(2).padStart(7)} ms  p99 ${s.p99.toFixed(2).padStart(7)} ms`);
  };
}
