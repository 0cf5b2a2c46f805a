import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import debug from 'debug';
import lockfile from 'proper-lockfile';
import type { StartedTestContainer } from 'testcontainers';
import { ContainerStartError, RemoteHostRefusedError, SetupError } from 'database-config/internal';
import { readMigrations } from '../migrations/migration-files.js';
import { envFlag } from 'database-config/internal';
import type { StackConfig, StoreConfigOf } from './stack-config.js';
import { STORE_NAMES, type StoreName } from 'database-config/internal';
import { LABELS, ownerLabels } from './container-labels.js';
import { LogTail } from './log-tail.js';
import { startRunWatcher, type RunWatcher } from './run-watcher.js';
import { checkExternalServers, EXTERNAL_CHECK_TIMEOUT_MS } from './external-services.js';
import type { StackInfo, StoreInfo } from './stack-info.js';
import { readStackEnvironment } from './stack-environment.js';
import { STORE_CONTAINERS, startFailureHint } from './store-containers.js';
import { removeStartedLater } from './on-demand-start.js';
import { reserveLater } from './reserve-later.js';
import type { StoreMigrations, StoreStack, TemplateOutcome } from './store-stack.js';

const log = debug('database-config:stack');

/** Options of {@link startDatabaseStack}. */
export interface StartStackOptions {
  /** Where progress lines go. @default process.stderr, silent when DBC_QUIET=true */
  progress?: (line: string) => void;
  /**
   * Stores to leave to a worker's first request instead of starting them now (the global setup
   * predicts them from the run's selected test files: `fixtures.start`, `DBC_START`). External
   * servers and reused containers are never deferred. @default [] (every store starts)
   */
  startLater?: readonly StoreName[];
  /**
   * @internal Start into a running run (a store started on demand by a worker): the run's id and
   * owner process label the container; no run watcher, no orphan sweep, no stop from this process.
   */
  join?: { runId: string; ownerPid: number };
}

const LOCAL_HOSTS = new Set(['localhost', '::1', '[::1]', 'host.docker.internal']);
const isLoopback = (hostname: string) => LOCAL_HOSTS.has(hostname) || /^127\.\d+\.\d+\.\d+$/.test(hostname);

/**
 * Tests create and drop databases on an external server, so only local ones are used without
 * `allowRemote`. Local means loopback, or the host at which this machine's container runtime
 * publishes ports (testcontainers resolves it to the bridge gateway, e.g. 172.17.0.1, when the
 * tests themselves run inside a container); the runtime is asked only when a URL is not loopback.
 */
async function refuseRemoteHosts(external: Partial<Record<StoreName, string>>): Promise<void> {
  const remote = Object.entries(external).filter(
    (entry): entry is [StoreName, string] =>
      entry[1] !== undefined && !isLoopback(new URL(entry[1]).hostname),
  );
  if (remote.length === 0) return;
  const { containerRuntime } = await import('./docker.js');
  const runtimeHost = await containerRuntime().then(
    (runtime) => runtime.info.containerRuntime.host,
    () => undefined,
  );
  const [store, url] = remote.find(([, url]) => new URL(url).hostname !== runtimeHost) ?? [];
  if (store && url) throw new RemoteHostRefusedError(store, new URL(url).host);
}
const elapsed = (since: number) => Math.round(performance.now() - since);

function defaultProgress(line: string) {
  if (envFlag('DBC_QUIET') !== true) process.stderr.write(`database-config: ${line}\n`);
}

/**
 * A started set of stores. Stop it with `stop()` or `await using`; a second stop is harmless.
 * Reused containers keep running for the next run.
 */
export class StartedDatabaseStack implements AsyncDisposable {
  #containers: StartedTestContainer[];
  #reuse: boolean;
  #watcher: RunWatcher | undefined;
  #stopped = false;
  #onSignal: ((signal: NodeJS.Signals) => void) | undefined;

  constructor(
    readonly info: StackInfo,
    containers: StartedTestContainer[],
    reuse: boolean,
    watcher?: RunWatcher,
  ) {
    this.#containers = containers;
    this.#reuse = reuse;
    this.#watcher = watcher;
    if (!reuse && containers.length > 0) {
      // Stop the containers when the run is interrupted and this process lives long enough (a
      // bare Node process does). Runners that exit at once (Vitest) leave it to the run watcher,
      // which removes them when this process is gone; the next run's orphan sweep is the last line.
      this.#onSignal = (signal) => {
        void this.stop().finally(() => process.kill(process.pid, signal));
      };
      process.once('SIGINT', this.#onSignal);
      process.once('SIGTERM', this.#onSignal);
    }
  }

  /** Phase timings in milliseconds (also in `info.timings`). */
  get timings(): Record<string, number> {
    return this.info.timings;
  }

  /**
   * Stops the containers this run started (not reused ones). With `keep`, leaves them running and
   * prints how to remove them (a failed test's data was kept in them).
   */
  async stop(options: { keep?: boolean } = {}): Promise<void> {
    if (this.#stopped) return;
    this.#stopped = true;
    if (this.#onSignal) {
      process.off('SIGINT', this.#onSignal);
      process.off('SIGTERM', this.#onSignal);
    }
    if (this.#reuse) return;
    if (options.keep) {
      const ids = this.#containers.map((c) => c.getId().slice(0, 12)).join(' ');
      process.stderr.write(
        `database-config: containers kept running for the kept data until the next run removes them; remove them sooner with: docker rm -f ${ids}\n`,
      );
      this.#watcher?.release();
      return;
    }
    await Promise.all([stopAll(this.#containers), removeStartedLater(this.info).catch(() => undefined)]);
    this.#watcher?.release();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.stop();
  }
}

async function stopAll(containers: StartedTestContainer[]) {
  await Promise.all(
    containers.map((c) => c.stop({ remove: true, removeVolumes: true }).catch(() => undefined)),
  );
}

/**
 * Starts the configured stores in parallel (containers, or external servers when a URL is set),
 * applies PostgreSQL and MongoDB migrations once into template databases and returns what workers
 * need. Fails before any test with a clear error, leaving no container behind.
 */
export async function startDatabaseStack(
  config: StackConfig,
  options: StartStackOptions = {},
): Promise<StartedDatabaseStack> {
  const began = performance.now();
  // Every DBC_* variable and external URL is checked before anything starts.
  const targets = readStackEnvironment(config);
  const progress = options.progress ?? defaultProgress;
  const root = config.root ?? process.cwd();
  const reuse = config.reuse ?? (envFlag('DBC_REUSE') === true && !process.env.CI);
  const allowRemote = config.allowRemote ?? envFlag('DBC_ALLOW_REMOTE') === true;
  const stores = STORE_NAMES.filter((store) => config[store] !== undefined);
  const timings: Record<string, number> = {};

  // Everything that can be checked without Docker is checked first.
  const migrations = Object.fromEntries(
    await Promise.all(
      stores.map(async (store) => [store, await readStoreMigrations(store, config, root)] as const),
    ),
  ) as Partial<Record<StoreName, StoreMigrations>>;
  const external = Object.fromEntries(stores.map((s) => [s, targets[s]?.url])) as Record<
    StoreName,
    string | undefined
  >;
  if (!allowRemote) await refuseRemoteHosts(external);
  // Each external server answers once (connect, authenticate, one request) before any container.
  await checkExternalServers(targets, {
    timeoutMs: EXTERNAL_CHECK_TIMEOUT_MS,
    apiKey: config.qdrant?.apiKey,
  });

  const later =
    options.join || reuse ? [] : stores.filter((s) => !external[s] && options.startLater?.includes(s));
  const toStart = stores.filter((s) => !external[s] && !later.includes(s));
  const runId = options.join?.runId ?? randomUUID().slice(0, 8);
  let laterUrls: Partial<Record<StoreName, string>> = {};
  const started: Partial<Record<StoreName, StartedTestContainer>> = {};
  const info: StackInfo = { runId, timings };
  const release = toStart.length > 0 && reuse ? await lockReuse() : undefined;
  let watcher: RunWatcher | undefined;
  try {
    if (toStart.length + later.length > 0) {
      // testcontainers and its Docker client load only here: a run on external servers needs neither.
      const { containerRuntime, removeOrphans, removeRunContainers } = await import('./docker.js');
      const runtime = await containerRuntime();
      // Started before the containers, so a run killed while they start leaves none either.
      const watching =
        reuse || options.join
          ? undefined
          : startRunWatcher(runtime, runId).then(
              (started) => (watcher = started),
              (error: unknown) =>
                progress(
                  `the crash-cleanup watcher did not start (${(error as Error).message}): if this run is killed, its containers are removed by the next run's sweep`,
                ),
            );
      const removed = options.join ? 0 : await removeOrphans(runtime);
      if (later.length > 0) {
        const reserved = await reserveLater(runtime, config, later);
        laterUrls = reserved.urls;
        info.startLater = { stores: later, config: reserved.config, ownerPid: process.pid };
        progress(`${later.join(', ')} not named by the selected test files: started on first request`);
      }
      if (removed > 0) progress(`removed ${removed} container(s) left by runs that died`);
      const allStarted = performance.now();
      const results = await Promise.allSettled(
        toStart.map(async (store) => {
          const spec = STORE_CONTAINERS[store] as StoreStack<StoreName>;
          const image = spec.image(config[store]!);
          const labels = reuse
            ? { [LABELS.managed]: 'true', [LABELS.store]: store }
            : ownerLabels(runId, store, options.join?.ownerPid);
          progress(`${store} starting (${image}${reuse ? ', reuse on' : ''})`);
          const since = performance.now();
          // The last log lines, for the error when the container exits during start (testcontainers
          // removes a container that failed its wait, and its logs with it).
          const logs = new LogTail(20);
          try {
            const built = await spec.build(config[store]!, { labels, reuse });
            // A worker's container outlives the worker: the run's labels clean it, not the worker's reaper.
            started[store] = await (options.join ? built.withAutoCleanup(false) : built)
              .withLogConsumer(logs.consume)
              .start();
            logs.close();
          } catch (error) {
            const lastLines = await logs.settle();
            // A container created but not started (a taken port, a failed wait) is no started
            // handle, so it is removed here by the run's labels.
            if (!reuse) await removeRunContainers(runtime, runId, store);
            const present = await runtime.container.dockerode
              .getImage(image)
              .inspect()
              .then(
                () => true,
                () => false,
              );
            throw new ContainerStartError(
              store,
              image,
              startFailureHint(store, image, error, present, config[store]?.port, lastLines.length > 0),
              error,
              lastLines,
            );
          }
          timings[`start.${store}_ms`] = elapsed(since);
          progress(`${store} ready in ${timings[`start.${store}_ms`]} ms`);
        }),
      );
      timings['start.all_ms'] = elapsed(allStarted);
      await watching;
      const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failure) throw failure.reason;
    }

    const url = (store: StoreName) =>
      external[store] ?? laterUrls[store] ?? STORE_CONTAINERS[store].url(started[store]!);
    // The workers record each test's database work for the end-of-run report only when it is on.
    if (config.report ?? envFlag('DBC_REPORT') === true) info.report = true;
    const prepare: Promise<void>[] = [];
    for (const store of stores) {
      const spec = STORE_CONTAINERS[store] as StoreStack<StoreName>;
      const storeConfig = config[store] as StoreConfigOf<StoreName>;
      const part = spec.info(storeConfig, url(store), Boolean(external[store]));
      (info as Partial<Record<StoreName, StoreInfo<StoreName>>>)[store] = part;
      const pending = migrations[store];
      // A store left for later gets its template when it starts.
      if (spec.migrate && pending && !later.includes(store)) {
        const migrate = spec.migrate.bind(spec);
        prepare.push(
          timed(timings, `migrate.${store}_ms`, async () =>
            reportTemplate(progress, store, await migrate(part, pending, storeConfig), pending),
          ),
        );
      }
    }
    // Every migration finishes before a failure stops the containers under the others' connections.
    const prepared = await Promise.allSettled(prepare);
    const failed = prepared.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    timings.total_ms = elapsed(began);
    log('stack ready: %o', timings);
    // A joined run's containers are the run's: its teardown removes them by their labels.
    return new StartedDatabaseStack(info, options.join ? [] : Object.values(started), reuse, watcher);
  } catch (error) {
    if (!reuse) await stopAll(Object.values(started));
    watcher?.release();
    throw error;
  } finally {
    await release?.();
  }
}

/** A store's configured migrations (`fixtures.<store>.migrations`), read and checked; none for a store without. */
async function readStoreMigrations(
  store: StoreName,
  config: StackConfig,
  root: string,
): Promise<StoreMigrations | undefined> {
  const folder = config[store]?.migrations;
  const spec = STORE_CONTAINERS[store];
  if (!folder || !spec.migrate) return undefined;
  const dir = resolve(root, folder);
  const migrations = { dir, files: await readMigrations(store, dir, `fixtures.${store}.migrations`) };
  await spec.preload?.(migrations);
  return migrations;
}

function reportTemplate(
  progress: (line: string) => void,
  store: StoreName,
  { template, built, replaced }: TemplateOutcome,
  { files }: StoreMigrations,
) {
  if (replaced.length > 0)
    progress(
      `${store} migrations changed since template ${replaced.join(', ')} was built; rebuilt as ${template}`,
    );
  progress(
    `${store} ${built ? `applied ${files.length} migration(s) into` : 'reusing'} template ${template}`,
  );
}

async function timed(timings: Record<string, number>, key: string, fn: () => Promise<void>) {
  const since = performance.now();
  await fn();
  timings[key] = elapsed(since);
}

/**
 * Cross-process lock around starting reusable containers, so two terminals or Vitest projects
 * starting at once attach to one set of containers instead of creating two.
 */
async function lockReuse(): Promise<() => Promise<void>> {
  const dir = join(tmpdir(), 'database-config');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'reuse');
  try {
    return await lockfile.lock(file, {
      realpath: false,
      stale: 120_000,
      retries: { retries: 1200, minTimeout: 50, maxTimeout: 250 },
    });
  } catch (error) {
    throw new SetupError({ reason: 'reuse-lock', file, cause: error });
  }
}
