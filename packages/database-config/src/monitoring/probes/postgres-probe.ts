import type { Pool, PoolClient } from 'pg';
import { prismaPoolHandle } from '../../config/postgres/postgres-pool.js';
import { MonitorAttachError } from '../../errors.js';
import { maskSql, sqlKind } from '../statement.js';
import { patchMethod, type ProbeSink, type StoreProbe } from './store-probe.js';

type Connect = Pool['connect'];
// Prisma's runtime puts about 18 frames between the adapter and the caller.
const PRISMA_FRAMES = 28;
type Callback = (
  error: Error | undefined,
  client: PoolClient | undefined,
  done: (release?: unknown) => void,
) => void;

/** Times every checkout of the pool (`pool.query` checks out too): the acquire wait. */
function watchPool(pool: Pool, sink: ProbeSink): () => void {
  const stopConnect = patchMethod(
    pool,
    'connect',
    (original) =>
      function (this: Pool, callback?: Callback) {
        const started = performance.now();
        if (typeof callback === 'function') {
          return (original as (cb: Callback) => void).call(this, (error, client, done) => {
            if (!error) sink.acquired(performance.now() - started);
            callback(error, client, done);
          });
        }
        return (original as () => Promise<PoolClient>).call(this).then((client) => {
          sink.acquired(performance.now() - started);
          return client;
        });
      } as Connect,
  );
  // A connection that broke (the pool's 'error') and a new one after it: a reconnect.
  let broken = 0;
  const onError = () => {
    broken += 1;
  };
  const onConnect = () => {
    if (broken === 0) return;
    broken -= 1;
    sink.reconnected();
  };
  pool.on('error', onError);
  pool.on('connect', onConnect);
  return () => {
    stopConnect();
    pool.off('error', onError);
    pool.off('connect', onConnect);
  };
}

/** PostgreSQL through Prisma: the queries of its driver adapter, the pg pool's counts and waits. */
export const postgresProbe: StoreProbe<object> = {
  store: 'postgres',
  system: 'postgresql',
  attach(prisma, sink) {
    const handle = prismaPoolHandle(prisma);
    if (!handle) throw new MonitorAttachError({ kind: 'foreign-prisma-client' });
    if (handle.observer)
      throw new MonitorAttachError({ kind: 'already-watched', target: 'prisma-client', by: 'another' });
    handle.observer = <T>(sql: string, run: () => Promise<T>): Promise<T> => {
      if (sink.internal()) return run();
      const kind = sqlKind(sql);
      const site = sink.site(PRISMA_FRAMES, kind);
      const started = performance.now();
      return run().then(
        (value) => {
          sink.operation(kind, started, performance.now() - started, sql, maskSql, undefined, site);
          return value;
        },
        (error: unknown) => {
          sink.operation(kind, started, performance.now() - started, sql, maskSql, error, site);
          throw error;
        },
      );
    };
    let unwatch = handle.pool ? watchPool(handle.pool, sink) : () => {};
    const previousOnPool = handle.onPool;
    handle.onPool = (pool) => {
      unwatch();
      unwatch = watchPool(pool, sink);
    };
    return {
      status: () => (handle.pool ? (handle.pool.ended ? 'ended' : 'ready') : 'not connected'),
      pool() {
        const pool = handle.pool;
        if (!pool) return { waiting: 0 };
        return {
          total: pool.totalCount,
          idle: pool.idleCount,
          used: pool.totalCount - pool.idleCount,
          max: pool.options.max,
          waiting: pool.waitingCount,
        };
      },
      detach() {
        unwatch();
        handle.observer = undefined;
        handle.onPool = previousOnPool;
      },
    };
  },
};
