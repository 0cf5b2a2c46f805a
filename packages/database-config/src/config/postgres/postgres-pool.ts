import type {
  SqlDriverAdapter,
  SqlDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import type { Pool } from 'pg';

/** Runs one query of the adapter; an observer wraps it to time it. */
export type QueryObserver = <T>(sql: string, run: () => Promise<T>) => Promise<T>;

/**
 * @internal What a Prisma client made by {@link createPrismaClient} shows of its driver adapter:
 * the pg pool Prisma connected (absent before the first query, or when the adapter has none) and
 * a slot for one observer of its queries (the monitor's).
 */
export interface PrismaPoolHandle {
  /** The pool behind the adapter's current connection. */
  pool: Pool | undefined;
  /** Sees every query of the adapter and its transactions; `undefined` when no one watches. */
  observer: QueryObserver | undefined;
  /** Called when Prisma (re)connects its adapter with a pool. */
  onPool: ((pool: Pool) => void) | undefined;
}

const HANDLES = new WeakMap<object, PrismaPoolHandle>();

/**
 * The `pg.Pool` behind a Prisma client made by `createPrismaClient` (or a `DatabaseManager`), to
 * read its counts (`totalCount`, `idleCount`, `waitingCount`). `undefined` until Prisma has
 * connected (its first query), and for clients made otherwise or over adapters without a pg pool.
 *
 * @example
 * const pool = prismaPool(manager.prisma);
 * console.log(pool?.waitingCount);
 */
export function prismaPool(prisma: object): Pool | undefined {
  return HANDLES.get(prisma)?.pool;
}

/** @internal The handle of a Prisma client made by `createPrismaClient`, if it was. */
export function prismaPoolHandle(prisma: object): PrismaPoolHandle | undefined {
  return HANDLES.get(prisma);
}

/** @internal Remembers `handle` as the one of `prisma`. */
export function registerPrismaPool(prisma: object, handle: PrismaPoolHandle): void {
  HANDLES.set(prisma, handle);
}

function isPgPool(value: unknown): value is Pool {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Pool).connect === 'function' &&
    typeof (value as Pool).totalCount === 'number'
  );
}

/** Routes the queries of a queryable (the adapter or one of its transactions) through the observer. */
function observeQueries<Q extends Pick<SqlDriverAdapter, 'queryRaw' | 'executeRaw'>>(
  queryable: Q,
  handle: PrismaPoolHandle,
): Q {
  const queryRaw = queryable.queryRaw.bind(queryable);
  const executeRaw = queryable.executeRaw.bind(queryable);
  queryable.queryRaw = (query: SqlQuery) =>
    handle.observer ? handle.observer(query.sql, () => queryRaw(query)) : queryRaw(query);
  queryable.executeRaw = (query: SqlQuery) =>
    handle.observer ? handle.observer(query.sql, () => executeRaw(query)) : executeRaw(query);
  return queryable;
}

/**
 * @internal The factory Prisma is given, in place of `factory`: the same adapter, whose pool is
 * recorded in the handle on every connect, and whose queries pass through `handle.observer` when
 * one is set. Prisma binds the adapter's methods when it connects, so the pass-through has to be
 * there from the start; with no observer it is one property read per query.
 */
export function trackPrismaAdapter(factory: SqlDriverAdapterFactory): {
  factory: SqlDriverAdapterFactory;
  handle: PrismaPoolHandle;
} {
  const handle: PrismaPoolHandle = { pool: undefined, observer: undefined, onPool: undefined };
  const connect = async (): Promise<SqlDriverAdapter> => {
    const adapter = await factory.connect();
    const pool = (adapter as { underlyingDriver?: () => unknown }).underlyingDriver?.();
    if (isPgPool(pool)) {
      handle.pool = pool;
      handle.onPool?.(pool);
    }
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<SqlDriverAdapter['startTransaction']>) =>
      observeQueries<Transaction>(await startTransaction(...args), handle);
    return observeQueries(adapter, handle);
  };
  const tracked = new Proxy(factory, {
    get(target, property) {
      if (property === 'connect') return connect;
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { factory: tracked, handle };
}
