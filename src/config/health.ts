import type { StoreName } from '../stores.js';
import { describeCause } from '../errors.js';

/** The result of one store's health check. */
export interface StoreHealth {
  status: 'up' | 'down';
  /** Round-trip time of the check, in milliseconds. */
  latencyMs: number;
  /** The server, secrets masked. */
  target: string;
  /** Why the store is down. */
  error?: string;
}

/** All stores' health: `up` when all are up, `down` when none is, `degraded` in between. */
export interface HealthReport {
  status: 'up' | 'degraded' | 'down';
  stores: Partial<Record<StoreName, StoreHealth>>;
  checkedAt: string;
}

/** Runs one round trip within `timeoutMs` and reports it; never throws. */
export async function probe(
  target: string,
  roundTrip: () => Promise<void>,
  timeoutMs: number,
): Promise<StoreHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      roundTrip(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: elapsed(started), target };
  } catch (error) {
    return { status: 'down', latencyMs: elapsed(started), target, error: describeCause(error) };
  } finally {
    clearTimeout(timer);
  }
}

/** Combines per-store results into one report. */
export function aggregateHealth(stores: Partial<Record<StoreName, StoreHealth>>): HealthReport {
  const results = Object.values(stores);
  const up = results.filter((r) => r.status === 'up').length;
  const status = up === results.length ? 'up' : up === 0 ? 'down' : 'degraded';
  return { status, stores, checkedAt: new Date().toISOString() };
}

const elapsed = (started: number) => Math.round((performance.now() - started) * 100) / 100;
