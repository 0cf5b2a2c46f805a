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
  /** The store's circuit breaker after the check (absent when the store is not connected). */
  circuit?: CircuitStatus;
}

/** A circuit breaker's state: `closed` (calls go through), `open` (they fail fast), `halfOpen` (one call tests the store). */
export type CircuitStatus = 'closed' | 'open' | 'halfOpen';

/** All stores' health: `up` when all are up, `down` when none is, `degraded` in between. */
export interface HealthReport {
  status: 'up' | 'degraded' | 'down';
  stores: Partial<Record<StoreName, StoreHealth>>;
  checkedAt: string;
}

/** Runs one round trip (bounded by the caller) and reports it; never throws. */
export async function probe(target: string, roundTrip: () => Promise<void>): Promise<StoreHealth> {
  const started = performance.now();
  try {
    await roundTrip();
    return { status: 'up', latencyMs: elapsed(started), target };
  } catch (error) {
    return { status: 'down', latencyMs: elapsed(started), target, error: describeCause(error) };
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
