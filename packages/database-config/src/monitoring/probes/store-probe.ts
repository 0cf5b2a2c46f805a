import type { StoreName } from '../../stores.js';
import type { CallSite } from '../call-site.js';
import type { PoolSnapshot } from '../monitor-types.js';

/** Where a probe reports what it sees; the monitor implements it once per store. */
export interface ProbeSink {
  /** Whether the code running now is the monitor's own health check (left out of the statistics). */
  internal(): boolean;
  /**
   * A stack capture for the slow-operation report of an operation of `kind`, `frames` deep (enough
   * to reach past the client library to the caller); `undefined` when callers are not captured
   * (off, or `auto` and the kind was not slow lately).
   */
  site(frames: number, kind: string): CallSite | undefined;
  /**
   * One finished operation. `raw` is turned into the masked statement by `mask` only when a
   * record is needed (a listener, or a slow operation), so the common path builds no strings.
   */
  operation<R>(
    kind: string,
    startedAt: number,
    durationMs: number,
    raw: R,
    mask: (raw: R) => string | undefined,
    error: unknown,
    site: CallSite | undefined,
  ): void;
  /** A connection was taken from the pool after waiting `waitMs`. */
  acquired(waitMs: number): void;
  /** A lost connection was re-established. */
  reconnected(): void;
  /** The client's connection status changed. */
  status(to: string, detail?: string): void;
}

/** The pool counts a probe reads; the monitor adds the acquire wait percentiles. */
export type PoolCounts = Omit<PoolSnapshot, 'acquireWaitMs'>;

/** A probe watching one client. */
export interface ProbeHandle {
  /** The client's connection status now. */
  status(): string;
  pool(): PoolCounts;
  /** Stops watching: every hook is removed, the client is as it was. */
  detach(): void;
}

/** How the monitor watches one store's client; every store implements it (registry in ./index.ts). */
export interface StoreProbe<Client> {
  store: StoreName;
  /** The OpenTelemetry `db.system.name` of the store (`postgresql`, `mongodb`, `redis`, `qdrant`). */
  system: string;
  /** Starts watching `client`; throws a MonitorAttachError when it cannot. */
  attach(client: Client, sink: ProbeSink): ProbeHandle;
}

/**
 * Replaces `object[name]` with `wrapper(original)` as an own property, and returns how to put it
 * back (the previous own property, or none so the prototype's shows again).
 */
export function patchMethod<T extends object, K extends keyof T>(
  object: T,
  name: K,
  wrapper: (original: T[K]) => T[K],
): () => void {
  const had = Object.prototype.hasOwnProperty.call(object, name);
  const previous = object[name];
  const patched = wrapper(previous);
  object[name] = patched;
  return () => {
    if (object[name] !== patched) return; // patched again on top by someone else: leave theirs
    if (had) object[name] = previous;
    else delete object[name];
  };
}
