// The run watcher: a detached process the stack starts next to the containers of a run. It reads
// its orders from stdin, a pipe from the run's process; when that pipe ends without a "release"
// line, the run's process is gone (killed, or exited without stopping its stack: Vitest calls
// process.exit() a millisecond after SIGINT), and the watcher removes the run's containers, found
// by their labels, then exits. Nothing here depends on the dying process getting to run code.
//
// stdin: one JSON line (WatcherOrders), then "release" (exit, touching nothing) or end of file.
// stdout: "ready" once the orders are read; nothing else. Logs only with DEBUG=database-config:*.
import debug from 'debug';
import { listLabelled, removeContainer, type EngineEndpoint } from './engine-api.js';

const log = debug('database-config:watcher');

/** What the watcher is told at start. */
export interface WatcherOrders {
  endpoint: EngineEndpoint;
  /** Every label (`key=value`) a container must carry to be removed: the run id, owner pid and host. */
  labels: string[];
}

/** Bounds on the watcher's own work: each engine call, and everything after the parent's end. */
const REQUEST_TIMEOUT_MS = 5_000;
const DEADLINE_MS = 30_000;
/** Sweeps after the parent's end (ms): later ones catch a container whose create was in flight. */
const SWEEPS_AT_MS = [0, 1_000, 3_000];

let input = '';
let orders: WatcherOrders | undefined;

process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk: string) => {
  input += chunk;
  let newline: number;
  while ((newline = input.indexOf('\n')) >= 0) {
    const line = input.slice(0, newline).trim();
    input = input.slice(newline + 1);
    if (!orders) {
      orders = JSON.parse(line) as WatcherOrders;
      log('watching %o', orders.labels);
      process.stdout.write('ready\n');
    } else if (line === 'release') {
      log('released: the run stopped its containers itself (or keeps them)');
      process.exit(0);
    }
  }
});
process.stdin.on('end', () => void sweep());
process.stdin.on('error', () => void sweep());
// The parent may be gone before anyone reads stdout.
process.stdout.on('error', () => undefined);

async function sweep(): Promise<void> {
  if (!orders) process.exit(0);
  const { endpoint, labels } = orders;
  setTimeout(() => {
    log('deadline of %d ms reached; the next run sweeps what is left', DEADLINE_MS);
    process.exit(1);
  }, DEADLINE_MS);
  log('the run ended without stopping its containers: removing them');
  const began = Date.now();
  let failed = false;
  for (const at of SWEEPS_AT_MS) {
    await new Promise((done) => setTimeout(done, Math.max(0, began + at - Date.now())));
    try {
      const containers = await listLabelled(endpoint, labels, REQUEST_TIMEOUT_MS);
      // A label filter can only narrow; check again that each one is this run's.
      const own = containers.filter((c) =>
        labels.every((l) => c.Labels[l.slice(0, l.indexOf('='))] === l.slice(l.indexOf('=') + 1)),
      );
      await Promise.all(own.map((c) => removeContainer(endpoint, c.Id, REQUEST_TIMEOUT_MS)));
      if (own.length > 0) log('removed %d container(s) after %d ms', own.length, Date.now() - began);
    } catch (error) {
      failed = true;
      log('sweep failed: %s', (error as Error).message);
    }
  }
  process.exit(failed ? 1 : 0);
}
