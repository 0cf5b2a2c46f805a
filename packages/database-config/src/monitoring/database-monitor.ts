import { AsyncLocalStorage } from 'node:async_hooks';
import type { QdrantClient } from '@qdrant/js-client-rest';
import type { Redis } from 'ioredis';
import type { Connection } from 'mongoose';
import debug from 'debug';
import type { DatabaseManager } from '../config/database-manager.js';
import type { StoreHealth } from '../config/health.js';
import type { PrismaLike } from '../config/postgres/postgres-connector.js';
import { MonitorAttachError, StateError } from '../errors.js';
import { STORE_NAMES, type StoreName } from '../stores.js';
import { captureCallSite, describeCallSite, type CallSite } from './call-site.js';
import {
  resolveMonitorOptions,
  type DatabaseMonitorOptions,
  type ResolvedMonitorOptions,
} from './monitor-options.js';
import type {
  MonitorEvents,
  MonitorSnapshot,
  OperationHistogram,
  OperationRecord,
  StateChange,
  StoreSnapshot,
} from './monitor-types.js';
import { PROBES, type ProbeHandle, type ProbeSink } from './probes/index.js';
import { MonitorEmitter } from './monitor-emitter.js';
import { RingBuffer } from './ring-buffer.js';
import { SnapshotStream } from './snapshot-stream.js';
import { describeOperationError, errorType, isTimeout } from './statement.js';
import { StoreStats } from './store-stats.js';

const log = debug('database-config:monitor');

/** The clients a monitor can watch, as the client factories make them. */
export interface MonitoredClients {
  /** A Prisma client made by `createPrismaClient` (or a `DatabaseManager`). */
  postgres?: object;
  mongodb?: Connection;
  redis?: Redis;
  qdrant?: QdrantClient;
}

type Watched = { client: object; handle: ProbeHandle; status: string };
type AnyManager = DatabaseManager<PrismaLike>;

// Managers and clients watched by a live monitor: a second monitor would count everything twice.
const WATCHED = new WeakMap<object, DatabaseMonitor>();

/**
 * Watches the stores' clients continuously: operation latency per store and kind (rolling-window
 * percentiles, cumulative histograms for the exporters), errors, timeouts, pool counts and waits,
 * reconnects, and, attached to a {@link DatabaseManager}, circuit-breaker changes and health
 * sampled each interval. Memory stays bounded however many operations run. Never throws into the
 * application: its own failures are `error` events.
 *
 * @example
 * await using monitor = DatabaseMonitor.attach(manager, { slowThresholdMs: 100 });
 * monitor.on('slow', (op) => console.warn(`${op.store} ${op.statement} took ${op.durationMs} ms at ${op.source}`));
 * for await (const snapshot of monitor) console.log(snapshot.stores.postgres?.pool.waiting);
 */
export class DatabaseMonitor implements AsyncDisposable, AsyncIterable<MonitorSnapshot> {
  /** The options, defaults filled in. */
  readonly options: Readonly<ResolvedMonitorOptions>;
  readonly #stats = new Map<StoreName, StoreStats>();
  readonly #watched = new Map<StoreName, Watched>();
  readonly #health = new Map<StoreName, StoreHealth>();
  readonly #slow: RingBuffer<OperationRecord>;
  readonly #events = new MonitorEmitter();
  readonly #stream = new SnapshotStream((active) => (active ? this.#timer.ref() : this.#timer.unref()));
  readonly #internal = new AsyncLocalStorage<true>();
  readonly #timer: NodeJS.Timeout;
  /** Each attached manager, and what stops listening to its breakers. */
  readonly #managers = new Map<AnyManager, () => void>();
  /** The manager each of its stores is watched through. */
  readonly #storeManagers = new Map<StoreName, AnyManager>();
  #checking: Promise<void> | undefined;
  #closed = false;

  /**
   * Validates the options and starts sampling every `intervalMs`; nothing is watched until
   * {@link attachClients} (or use {@link DatabaseMonitor.attach} with a manager). Throws a
   * {@link ConfigValidationError} listing every invalid option (an `intervalMs` of 0 or less...).
   * The timer does not keep the process alive, except while an async iteration waits on it.
   */
  constructor(options: DatabaseMonitorOptions = {}) {
    this.options = Object.freeze(resolveMonitorOptions(options));
    this.#slow = new RingBuffer(this.options.maxSlowOperations);
    this.#timer = setInterval(() => this.#tick(), this.options.intervalMs);
    this.#timer.unref();
  }

  /**
   * A monitor watching every store of `manager` (its clients once it is connected, its circuit
   * breakers, its health each interval). Throws a {@link MonitorAttachError} when a monitor is
   * already attached to this manager.
   */
  static attach<P extends PrismaLike>(
    manager: DatabaseManager<P>,
    options: DatabaseMonitorOptions = {},
  ): DatabaseMonitor {
    const monitor = new DatabaseMonitor(options);
    try {
      return monitor.attachManager(manager);
    } catch (error) {
      void monitor.close();
      throw error;
    }
  }

  /**
   * Watches one more manager's stores (apps with a manager per store, as NestJS's per-store
   * modules). Throws a {@link MonitorAttachError} when a monitor is already attached to this
   * manager, or when this monitor already watches one of its stores through another manager.
   */
  attachManager<P extends PrismaLike>(manager: DatabaseManager<P>): this {
    if (this.#closed)
      throw new StateError({
        operation: 'DatabaseMonitor.attachManager()',
        state: 'closed',
        allowed: ['open'],
      });
    const owner = WATCHED.get(manager);
    if (owner)
      throw new MonitorAttachError({
        kind: 'already-watched',
        target: 'manager',
        by: owner === this ? 'this' : 'another',
      });
    const shared = manager.stores.find((store) => this.#storeManagers.has(store) || this.#watched.has(store));
    if (shared) throw new MonitorAttachError({ kind: 'second-store', store: shared, via: 'manager' });
    const managed = manager as unknown as AnyManager;
    WATCHED.set(manager, this);
    for (const store of manager.stores) this.#storeManagers.set(store, managed);
    this.#managers.set(
      managed,
      manager.onCircuitChange(({ store, from, to }) => this.#state({ store, what: 'circuit', from, to })),
    );
    this.#attachManagerClients();
    return this;
  }

  /**
   * Watches clients made by the client factories (`createPrismaClient`, `createMongooseConnection`,
   * `createRedisClient`, `createQdrantClient`), one per store. Throws a {@link MonitorAttachError}
   * when a client is already watched (by this monitor or another), when this monitor already
   * watches a client of that store, or for a Prisma client not made by `createPrismaClient`.
   */
  attachClients(clients: MonitoredClients): this {
    if (this.#closed)
      throw new StateError({
        operation: 'DatabaseMonitor.attachClients()',
        state: 'closed',
        allowed: ['open'],
      });
    for (const store of STORE_NAMES) {
      const client = clients[store];
      if (client !== undefined) this.#watch(store, client);
    }
    return this;
  }

  /** The stores whose clients are watched. */
  get stores(): StoreName[] {
    return STORE_NAMES.filter((store) => this.#watched.has(store));
  }

  #watch(store: StoreName, client: object): void {
    const owner = WATCHED.get(client);
    if (owner)
      throw new MonitorAttachError({
        kind: 'already-watched',
        target: 'client',
        by: owner === this ? 'this' : 'another',
        store,
      });
    if (this.#watched.has(store))
      throw new MonitorAttachError({ kind: 'second-store', store, via: 'client' });
    const handle = PROBES[store].attach(client, this.#sink(store));
    WATCHED.set(client, this);
    this.#watched.set(store, { client, handle, status: handle.status() });
    log('watching %s', store);
  }

  /** The managers' clients not watched yet; those not connected yet are tried again on the next sample. */
  #attachManagerClients(): void {
    for (const [store, manager] of this.#storeManagers) {
      if (this.#watched.has(store)) continue;
      let client: object;
      try {
        client = manager.client(store) as object;
      } catch {
        continue; // not connected yet
      }
      this.#watch(store, client);
    }
  }

  #statsOf(store: StoreName): StoreStats {
    let stats = this.#stats.get(store);
    if (!stats) {
      const { bucketsMs, windowMs, maxKindsPerStore } = this.options;
      stats = new StoreStats(store, bucketsMs, windowMs, maxKindsPerStore);
      this.#stats.set(store, stats);
    }
    return stats;
  }

  #sink(store: StoreName): ProbeSink {
    const stats = this.#statsOf(store);
    return {
      internal: () => this.#internal.getStore() === true,
      site: (frames, kind) => {
        const capture = this.options.captureCallers;
        if (capture === false) return undefined;
        if (capture === 'auto' && !stats.slowLately(kind, performance.now())) return undefined;
        return captureCallSite(frames);
      },
      operation: (kind, startedAt, durationMs, raw, mask, error, site) => {
        if (this.#closed) return;
        try {
          this.#record(stats, kind, startedAt, durationMs, error, site, () => mask(raw));
        } catch (failure) {
          this.#events.fail(failure);
        }
      },
      acquired: (waitMs) => {
        if (!this.#closed) stats.acquireWait.record(waitMs, performance.now());
      },
      reconnected: () => {
        stats.reconnects += 1;
      },
      status: (to, detail) => this.#connectionStatus(store, to, detail),
    };
  }

  #record(
    stats: StoreStats,
    kind: string,
    startedAt: number,
    durationMs: number,
    error: unknown,
    site: CallSite | undefined,
    statement: () => string | undefined,
  ): void {
    const failed = error !== undefined;
    const timedOut = failed && isTimeout(error);
    const type = failed ? (timedOut ? 'timeout' : errorType(error)) : undefined;
    const counted = stats.record(kind, durationMs, startedAt + durationMs, type, timedOut);
    const slow = durationMs >= this.options.slowThresholdMs;
    if (slow) stats.markSlow(counted, startedAt + durationMs);
    if (!slow && !this.#events.has('operation')) return;
    const record: OperationRecord = {
      store: stats.store,
      kind: counted,
      durationMs: Math.round(durationMs * 1000) / 1000,
      ok: !failed,
      startedAt: Math.round(performance.timeOrigin + startedAt),
    };
    const text = statement();
    if (text !== undefined) record.statement = text;
    if (failed) {
      record.error = describeOperationError(error);
      record.errorType = type;
      record.timedOut = timedOut;
    }
    if (slow) {
      const source = describeCallSite(site);
      if (source) record.source = source;
      this.#slow.push(record);
    }
    this.#events.emit('operation', record);
    if (slow) this.#events.emit('slow', record);
  }

  /**
   * Records an operation measured elsewhere (e.g. around `DatabaseManager.execute` or a client the
   * probes do not cover), as if a watched client had run it: counted, timed, reported if slow.
   * Its `statement` is taken as given: mask it yourself.
   */
  record(operation: OperationRecord): void {
    if (this.#closed) return;
    const stats = this.#statsOf(operation.store);
    const error = operation.ok
      ? undefined
      : Object.assign(new Error(operation.error ?? 'failed'), {
          name: operation.timedOut ? 'TimeoutError' : (operation.errorType ?? 'Error'),
        });
    const startedAt = operation.startedAt - performance.timeOrigin;
    const site = operation.source ? { stack: `Error\n    ${operation.source}` } : undefined;
    this.#record(
      stats,
      operation.kind,
      startedAt,
      operation.durationMs,
      error,
      site,
      () => operation.statement,
    );
  }

  #connectionStatus(store: StoreName, to: string, detail?: string): void {
    const watched = this.#watched.get(store);
    if (!watched || watched.status === to) return;
    const from = watched.status;
    watched.status = to;
    this.#state({ store, what: 'connection', from, to, ...(detail ? { detail } : {}) });
  }

  #state(change: Omit<StateChange, 'at'>): void {
    if (this.#closed) return;
    log('%s %s: %s -> %s', change.store, change.what, change.from, change.to);
    this.#events.emit('state', { ...change, at: new Date().toISOString() });
  }

  /** Everything known now: per store its pool, operations, health, circuit and reconnects, and the latest slow operations. */
  snapshot(): MonitorSnapshot {
    const now = performance.now();
    const names = new Set<StoreName>([
      ...this.#watched.keys(),
      ...this.#stats.keys(),
      ...this.#storeManagers.keys(),
    ]);
    const stores: Partial<Record<StoreName, StoreSnapshot>> = {};
    for (const store of STORE_NAMES) {
      if (!names.has(store)) continue;
      const stats = this.#statsOf(store);
      const watched = this.#watched.get(store);
      const acquireWait =
        stats.acquireWait.count > 0 ? { acquireWaitMs: stats.acquireWait.percentiles(now) } : {};
      const health = this.#health.get(store);
      stores[store] = {
        store,
        status: watched ? watched.handle.status() : 'not attached',
        pool: { ...(watched ? watched.handle.pool() : { waiting: 0 }), ...acquireWait },
        operations: stats.operations(now),
        ...(health ? { health } : {}),
        ...(this.#storeManagers.has(store)
          ? { circuit: this.#storeManagers.get(store)!.circuit(store) }
          : {}),
        reconnects: stats.reconnects,
      };
    }
    return {
      takenAt: new Date().toISOString(),
      windowMs: this.options.windowMs,
      stores,
      slowOperations: this.#slow.newestFirst(),
    };
  }

  /** The cumulative latency histogram of every store and kind since attached (what the exporters publish). */
  histograms(): OperationHistogram[] {
    return [...this.#stats.values()].flatMap((stats) => stats.histograms());
  }

  /**
   * Sizes of the monitor's bounded structures (kinds tracked, window slots allocated, slow
   * operations kept, waiting iterators), to check that memory stays flat.
   */
  footprint(): {
    stores: number;
    kinds: number;
    errorTypes: number;
    windowSlots: number;
    slowOperations: number;
    iterators: number;
  } {
    const sizes = { stores: this.#stats.size, kinds: 0, errorTypes: 0, windowSlots: 0 };
    for (const stats of this.#stats.values()) {
      const { kinds, errorTypes, windowSlots } = stats.footprint();
      sizes.kinds += kinds;
      sizes.errorTypes += errorTypes;
      sizes.windowSlots += windowSlots;
    }
    return { ...sizes, slowOperations: this.#slow.size, iterators: this.#stream.size };
  }

  /** Adds a listener; see {@link MonitorEvents} for what each event carries. A listener that throws becomes an `error` event. */
  on<E extends keyof MonitorEvents>(event: E, listener: (payload: MonitorEvents[E]) => void): this {
    this.#events.on(event, listener);
    return this;
  }

  /** Removes a listener added with {@link on}. */
  off<E extends keyof MonitorEvents>(event: E, listener: (payload: MonitorEvents[E]) => void): this {
    this.#events.off(event, listener);
    return this;
  }

  /**
   * One sample: pool counts and statuses now, with the latest health. The health checks run
   * beside it (at most one at a time), so a store that hangs delays no sample.
   */
  #tick(): void {
    if (this.#closed) return;
    try {
      if (this.#managers.size > 0) {
        this.#attachManagerClients();
        if (this.options.sampleHealth && !this.#checking)
          this.#checking = Promise.all(
            [...this.#managers.keys()].map((manager) => this.#sampleHealth(manager)),
          )
            .then(() => undefined)
            .catch((error: unknown) => this.#events.fail(error))
            .finally(() => {
              this.#checking = undefined;
            });
      }
      for (const [store, watched] of this.#watched) this.#connectionStatus(store, watched.handle.status());
      const snapshot = this.snapshot();
      this.#events.emit('sample', snapshot);
      this.#stream.push(snapshot);
    } catch (error) {
      this.#events.fail(error);
    }
  }

  async #sampleHealth(manager: AnyManager): Promise<void> {
    const report = await this.#internal.run(true, () => manager.health());
    if (this.#closed) return;
    for (const [store, health] of Object.entries(report.stores) as [StoreName, StoreHealth][]) {
      const previous = this.#health.get(store);
      this.#health.set(store, health);
      if (previous && previous.status !== health.status)
        this.#state({
          store,
          what: 'health',
          from: previous.status,
          to: health.status,
          ...(health.error ? { detail: health.error } : {}),
        });
    }
  }

  /**
   * Yields a snapshot after each sample (every `intervalMs`) until the monitor is closed or the
   * loop stops. A slow consumer gets the latest snapshot, not a backlog.
   */
  [Symbol.asyncIterator](): AsyncIterator<MonitorSnapshot> {
    return this.#stream.iterator();
  }

  /**
   * Stops sampling, removes every hook from the clients (they are as before), ends the async
   * iterations, and lets the manager and clients be monitored again. Calling it again is harmless.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    clearInterval(this.#timer);
    for (const [manager, stopCircuit] of this.#managers) {
      stopCircuit();
      if (WATCHED.get(manager) === this) WATCHED.delete(manager);
    }
    for (const { client, handle } of this.#watched.values()) {
      handle.detach();
      if (WATCHED.get(client) === this) WATCHED.delete(client);
    }
    this.#stream.end();
    await this.#checking;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }
}
