import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import debug from 'debug';
import type { ContainerRuntimeClient } from 'testcontainers';
import { SetupError } from 'database-config/internal';
import { LABELS } from './container-labels.js';
import { endpointOfModem } from './engine-api.js';
import type { WatcherOrders } from './run-watcher-process.js';

const log = debug('database-config:watcher');

/** How long the watcher may take to say it is ready. */
const READY_TIMEOUT_MS = 10_000;

/** A started run watcher (see run-watcher-process.ts). */
export interface RunWatcher {
  /** The run removed its containers itself, or keeps them on purpose: the watcher exits, touching nothing. */
  release(): void;
}

/**
 * The watcher program next to this module: built `.js` in the package (run by node), `.ts` in this
 * repository (run through tsx).
 */
function watcherCommand(): string[] {
  const js = fileURLToPath(new URL('./run-watcher-process.js', import.meta.url));
  if (existsSync(js)) return [js];
  const ts = fileURLToPath(new URL('./run-watcher-process.ts', import.meta.url));
  if (existsSync(ts)) {
    const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
    return ['--import', tsx, ts];
  }
  throw new SetupError({
    reason: 'runner-file-missing',
    file: 'run-watcher-process.js',
    nextTo: fileURLToPath(import.meta.url),
  });
}

/**
 * Starts the detached process that removes this run's containers (by its run id, this process's
 * pid and host) as soon as this process is gone without having released it, even after SIGKILL:
 * it learns of the end from its stdin pipe. Its own session, so a terminal's Ctrl-C reaches only
 * the runner; unref'd, so it never keeps this process alive. Resolves once the watcher is ready.
 */
export async function startRunWatcher(runtime: ContainerRuntimeClient, runId: string): Promise<RunWatcher> {
  // The engine testcontainers settled on (DOCKER_HOST, ~/.testcontainers.properties or the local
  // socket, with its TLS settings), so the watcher removes from the engine the containers are on.
  const endpoint = endpointOfModem(
    runtime.container.dockerode.modem as Parameters<typeof endpointOfModem>[0],
  );
  if (!endpoint) throw new Error('the engine is reached over a protocol the watcher does not speak (ssh)');
  const orders: WatcherOrders = {
    endpoint,
    labels: [
      `${LABELS.managed}=true`,
      `${LABELS.run}=${runId}`,
      `${LABELS.ownerPid}=${process.pid}`,
      `${LABELS.ownerHost}=${hostname()}`,
    ],
  };
  const child = spawn(process.execPath, watcherCommand(), {
    detached: true,
    cwd: '/',
    stdio: ['pipe', 'pipe', debug.enabled('database-config:watcher') ? 'inherit' : 'ignore'],
  });
  child.unref();
  child.on('error', () => undefined);
  const { stdin, stdout } = child;
  stdin.on('error', () => undefined);
  stdin.write(`${JSON.stringify(orders)}\n`);
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no answer within ${READY_TIMEOUT_MS} ms`)),
        READY_TIMEOUT_MS,
      );
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(new Error(`it exited at start (${signal ?? `code ${code}`})`)),
      );
      stdout.once('data', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    child.removeAllListeners('exit');
    stdout.destroy();
  }
  // The pipe stays open for the watcher's life without holding this process's event loop.
  (stdin as unknown as { unref(): void }).unref();
  log('watcher %d ready for run %s', child.pid, runId);
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      stdin.end('release\n');
    },
  };
}
