import {
  ConfigValidationError,
  DatabaseManager,
  DatabaseMonitor,
  loadDatabaseConfig,
  maskUrl,
  OperationTimeoutError,
  STORE_NAMES,
  type DatabaseConfig,
  type MonitorSnapshot,
  type StoreHealth,
  type StoreName,
} from 'database-config';
import { SqlClient } from './monitor-sql-client.js';
import type { MonitorView, StoreView } from './monitor-view.js';

/** One sample: the view people see, and what `--json` prints. */
export interface MonitorSample {
  view: MonitorView;
  json: unknown;
}

/** The connected stores `monitor` samples. */
export interface MonitorSource {
  /** Checks every store's health once (a round trip the monitor counts) and takes a snapshot. */
  sample(): Promise<MonitorSample>;
  /** Closes every connection and the monitors; a second call is harmless. */
  close(): Promise<void>;
}

/** The variable that configures each store: a store is monitored when it is set. */
const STORE_VARIABLES: Record<StoreName, string[]> = {
  postgres: ['DATABASE_URL', 'POSTGRES_HOST'],
  mongodb: ['MONGODB_URI'],
  redis: ['REDIS_URL'],
  qdrant: ['QDRANT_URL'],
};

/** The server of a store's config, secrets masked. */
const TARGETS: { [S in StoreName]: (config: NonNullable<DatabaseConfig[S]>) => string } = {
  postgres: (c) => maskUrl(c.url),
  mongodb: (c) => maskUrl(c.uri),
  redis: (c) => maskUrl(c.url),
  qdrant: (c) => maskUrl(c.url),
};

const atMost = (value: number, limit: number) => (value > 0 ? Math.min(value, limit) : limit);

/** A store's config with its client's connect and request timeouts at most `ms` (`--timeout`). */
const BOUNDED: {
  [S in StoreName]: (config: NonNullable<DatabaseConfig[S]>, ms: number) => DatabaseConfig[S];
} = {
  postgres: (c, ms) => ({
    ...c,
    connectTimeoutMs: atMost(c.connectTimeoutMs, ms),
    queryTimeoutMs: atMost(c.queryTimeoutMs, ms),
  }),
  mongodb: (c, ms) => ({
    ...c,
    serverSelectionTimeoutMs: atMost(c.serverSelectionTimeoutMs, ms),
    connectTimeoutMs: atMost(c.connectTimeoutMs, ms),
    socketTimeoutMs: atMost(c.socketTimeoutMs, ms),
  }),
  redis: (c, ms) => ({
    ...c,
    connectTimeoutMs: atMost(c.connectTimeoutMs, ms),
    commandTimeoutMs: atMost(c.commandTimeoutMs, ms),
  }),
  qdrant: (c, ms) => ({ ...c, timeoutMs: atMost(c.timeoutMs, ms) }),
};

type Watched = { store: StoreName; target: string; manager: DatabaseManager; monitor: DatabaseMonitor };

/**
 * Connects every store the environment configures, each through its own manager (so that a store
 * that does not answer is named) with one monitor on it. Every connection is bounded by
 * `timeoutMs`; all the stores that fail are reported together, and the others are closed.
 */
export async function openMonitorSource(options: {
  timeoutMs: number;
  intervalMs: number;
  /** Aborted (SIGINT) while connecting: every store is closed and this rejects with the signal's reason. */
  stop?: AbortSignal;
  env?: NodeJS.ProcessEnv;
}): Promise<MonitorSource> {
  const env = options.env ?? process.env;
  const stores = STORE_NAMES.filter((store) => STORE_VARIABLES[store].some((name) => env[name]?.trim()));
  if (stores.length === 0) {
    throw new ConfigValidationError([
      {
        store: 'options',
        source: STORE_NAMES.map((s) => STORE_VARIABLES[s][0]).join(', '),
        problem: 'none is set, so there is no store to monitor',
        example: 'REDIS_URL=redis://localhost:6379',
      },
    ]);
  }
  const config = loadDatabaseConfig(env, { stores });
  const results = await Promise.allSettled(stores.map((store) => connect(store, config, options)));
  const watched = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as Error] : []));
  if (failures.length > 0) {
    await Promise.all(watched.map(closeWatched));
    options.stop?.throwIfAborted();
    if (failures.length === 1) throw failures[0];
    throw new AggregateError(
      failures,
      `${failures.length} stores could not be monitored:\n${failures.map((f) => `  - ${f.message}`).join('\n')}`,
    );
  }
  return new ConnectedSource(watched);
}

async function connect(
  store: StoreName,
  config: DatabaseConfig,
  options: { timeoutMs: number; intervalMs: number; stop?: AbortSignal },
): Promise<Watched> {
  const target = (TARGETS[store] as (c: unknown) => string)(config[store]);
  // The clients give up by themselves within the timeout, so that nothing is left connecting after it.
  const bounded = (BOUNDED[store] as (c: unknown, ms: number) => unknown)(config[store], options.timeoutMs);
  const manager = new DatabaseManager({
    config: { [store]: bounded },
    ...(store === 'postgres' ? { prismaClient: SqlClient } : {}),
    // One attempt: a person watching wants to know now that a store does not answer.
    retry: { attempts: 1 },
    healthTimeoutMs: options.timeoutMs,
    operationTimeoutMs: options.timeoutMs,
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, fail) => {
    timer = setTimeout(
      () =>
        fail(new OperationTimeoutError(store, 'connection', target, options.timeoutMs, 'monitor --timeout')),
      options.timeoutMs,
    );
  });
  try {
    await Promise.race([manager.connect(), deadline]);
  } catch (error) {
    await manager.close();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  // Health is checked by the command each interval (and counted as an operation), not by the monitor.
  const monitor = DatabaseMonitor.attach(manager, { intervalMs: options.intervalMs, sampleHealth: false });
  return { store, target, manager, monitor };
}

async function closeWatched(w: Watched): Promise<void> {
  await w.monitor.close();
  await w.manager.close();
}

class ConnectedSource implements MonitorSource {
  #watched: Watched[];
  #previous = new Map<StoreName, { count: number; at: number }>();
  #closing: Promise<void> | undefined;

  constructor(watched: Watched[]) {
    this.#watched = watched;
  }

  async sample(): Promise<MonitorSample> {
    const at = new Date();
    const rows = await Promise.all(
      this.#watched.map(async (w) => {
        const health = (await w.manager.health()).stores[w.store];
        const snapshot = w.monitor.snapshot();
        return { w, health, snapshot };
      }),
    );
    const stores = rows.map(({ w, health, snapshot }) => this.#storeView(w, health, snapshot));
    const json = {
      takenAt: at.toISOString(),
      stores: Object.fromEntries(
        rows.map(({ w, health, snapshot }, i) => [
          w.store,
          { ...snapshot.stores[w.store], target: w.target, opsPerSecond: stores[i]!.opsPerSecond, health },
        ]),
      ),
    };
    return { view: { at, stores }, json };
  }

  #storeView(w: Watched, health: StoreHealth | undefined, snapshot: MonitorSnapshot): StoreView {
    const s = snapshot.stores[w.store];
    const operations = s?.operations;
    const count = operations?.count ?? 0;
    const now = performance.now();
    const previous = this.#previous.get(w.store);
    this.#previous.set(w.store, { count, at: now });
    const seconds = previous ? (now - previous.at) / 1000 : 0;
    const windowed = (operations?.windowCount ?? 0) > 0;
    return {
      store: w.store,
      target: w.target,
      pool: {
        ...(s?.pool.used !== undefined
          ? { active: s.pool.used }
          : s?.pool.inFlight !== undefined
            ? { active: s.pool.inFlight }
            : {}),
        ...(s?.pool.total !== undefined ? { open: s.pool.total } : {}),
        ...(s?.pool.max !== undefined ? { max: s.pool.max } : {}),
        waiting: s?.pool.waiting ?? 0,
      },
      opsPerSecond: previous && seconds > 0 ? (count - previous.count) / seconds : 0,
      operations: count,
      errors: operations?.errors ?? 0,
      timeouts: operations?.timeouts ?? 0,
      ...(windowed ? { p50Ms: operations!.p50, p99Ms: operations!.p99 } : {}),
      health: health ? health.status : 'unknown',
      ...(health ? { healthLatencyMs: health.latencyMs } : {}),
      ...(health?.error ? { healthError: health.error } : {}),
      ...(s?.circuit ? { circuit: s.circuit } : {}),
    };
  }

  close(): Promise<void> {
    this.#closing ??= Promise.all(this.#watched.map(closeWatched)).then(() => undefined);
    return this.#closing;
  }
}
