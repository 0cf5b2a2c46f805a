// Stores the global setup did not start because the run's test files were not seen to use them
// (src/setup/used-stores.ts): the first worker that asks for one starts it, once for the whole
// run, under a lock in the run's folder, with the run's labels (so the run watcher, the teardown
// and the orphan sweep remove it) and its migrations applied into the template as the stack does;
// it writes the store's StackInfo part to the run folder, where the run's other workers read it.
// The URL is known before the start (a host port reserved by the global setup), so production
// config read before the first client sees the right one (reserve-later.ts reserves it). Test
// workers load this file for every test file: testcontainers (stack.js) and the lock's library
// (proper-lockfile, which patches fs through graceful-fs and installs signal handlers through
// signal-exit) are imported only when a store must really be started.
import debug from 'debug';
import { envFlag, SetupError, STORE_NAMES, type StoreName } from 'database-config/internal';
import { readStartedPart, saveStartedPart, startLockPath } from './run-folder.js';
import type { StackConfig } from './stack-config.js';
import type { StackInfo } from './stack-info.js';

const log = debug('database-config:on-demand');

/** How long a worker waits for another worker of the run that is starting the same store. */
export const START_LOCK_TIMEOUT_MS = 180_000;

const pending = new Map<string, Promise<void>>();

/**
 * Makes sure `store` runs when the global setup left it for later: reads the part another worker
 * wrote, or starts the store under the run's lock. Does nothing for a store that was started.
 */
export function startLater(info: StackInfo, store: StoreName): Promise<void> {
  const later = info.startLater;
  if (!later?.stores.includes(store)) return Promise.resolve();
  const key = `${info.runId}:${store}`;
  let started = pending.get(key);
  if (!started) {
    started = ensureStarted(info, store).finally(() => pending.delete(key));
    pending.set(key, started);
  }
  return started;
}

async function ensureStarted(info: StackInfo, store: StoreName): Promise<void> {
  const later = info.startLater!;
  if (!readStarted(info, store)) {
    const lockPath = startLockPath(info.runId, store);
    const { default: lockfile } = await import('proper-lockfile');
    const release = await lockfile
      .lock(lockPath, {
        realpath: false,
        // The holder refreshes the lock while it lives; a killed holder's lock is taken over.
        stale: 60_000,
        // Only a holder stalled past `stale` loses it; the start it is doing goes on (never a crash).
        onCompromised: (error) => log('start lock of %s compromised: %s', store, error.message),
        retries: { retries: Math.ceil(START_LOCK_TIMEOUT_MS / 250), minTimeout: 100, maxTimeout: 250 },
      })
      .catch((error: unknown) => {
        throw new SetupError({
          reason: 'start-lock',
          store,
          file: lockPath,
          runId: info.runId,
          timeoutMs: START_LOCK_TIMEOUT_MS,
          cause: error,
        });
      });
    try {
      if (!readStarted(info, store)) await startNow(info, store, later);
    } finally {
      await release().catch(() => undefined);
    }
  }
  later.stores = later.stores.filter((s) => s !== store);
}

/** Merges the part a worker of the run wrote for `store` into `info`; false when none is there yet. */
function readStarted(info: StackInfo, store: StoreName): boolean {
  const part = readStartedPart<NonNullable<StackInfo[StoreName]>>(info.runId, store);
  if (!part) return false;
  Object.assign(info[store] as object, part);
  return true;
}

async function startNow(info: StackInfo, store: StoreName, later: NonNullable<StackInfo['startLater']>) {
  const since = performance.now();
  const progress = (line: string) => {
    if (envFlag('DBC_QUIET') !== true) process.stderr.write(`database-config: ${line}\n`);
  };
  progress(
    `${store} starting on demand: no selected test file named it (DBC_START=all starts every store with the others)`,
  );
  const only = Object.fromEntries(
    Object.entries(later.config).filter(([key]) => !STORE_NAMES.includes(key as StoreName) || key === store),
  ) as StackConfig;
  const { startDatabaseStack } = await import('./stack.js');
  const stack = await startDatabaseStack(only, {
    progress,
    join: { runId: info.runId, ownerPid: later.ownerPid },
  });
  const part = stack.info[store]!;
  const where = (p: { url: string } | undefined) => JSON.stringify(p?.url ?? '');
  if (where(part) !== where(info[store]))
    log('%s started at %s, not at the reserved %s', store, where(part), where(info[store]));
  saveStartedPart(info.runId, store, part);
  Object.assign(info[store] as object, part);
  log('%s started on demand in %d ms', store, Math.round(performance.now() - since));
}

/**
 * For the run's teardown: merges the parts of the stores started later into `info`, and drops
 * those no worker started (nothing to clean there).
 */
export function settleStartedLater(info: StackInfo): void {
  for (const store of info.startLater?.stores ?? []) {
    if (!readStarted(info, store)) delete info[store];
  }
}

/** Removes the containers workers started on demand for this run (found by the run's labels). */
export async function removeStartedLater(info: StackInfo): Promise<void> {
  const stores = info.startLater?.stores ?? [];
  if (stores.length === 0) return;
  const { containerRuntime, removeRunContainers } = await import('./docker.js');
  const runtime = await containerRuntime();
  await Promise.all(stores.map((store) => removeRunContainers(runtime, info.runId, store)));
}
