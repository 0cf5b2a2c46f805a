// One trial of crash cleanup through a real runner: starts `vitest run` or `jest` on a signal
// project (test/fixtures/vitest-signals, jest-signals) as a child process, waits until its test
// hangs (the containers are up by then), signals the runner's main process or kills the worker
// running the test, and counts that run's containers until 10 s after. Used by
// test/integration/crash-cleanup.test.ts (one trial per case) and scripts/signal-trials.ts (many).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { LABELS } from '../../src/containers/container-labels.js';

const root = resolve(import.meta.dirname, '../..');

export const RUNNERS = ['vitest', 'jest'] as const;
export type Runner = (typeof RUNNERS)[number];
/**
 * A signal to the runner's main process, SIGKILL of the worker running the hanging test, or SIGINT
 * to the runner's whole process group (what Ctrl-C in a terminal does).
 */
export const SIGNAL_CASES = ['SIGINT', 'SIGTERM', 'SIGKILL', 'SIGKILL-worker', 'SIGINT-group'] as const;
export type SignalCase = (typeof SIGNAL_CASES)[number];

export interface TrialResult {
  runner: Runner;
  signalCase: SignalCase;
  stores: string[];
  /** The run's containers when the signal was sent. */
  before: number;
  /** The run's containers `observeMs` after the signal. */
  left: number;
  /** When the run's containers were first all gone, in ms after the signal (undefined: never). */
  goneAfterMs: number | undefined;
  /** How the runner ended (within `observeMs`, else undefined). */
  exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  output: string;
}

async function runContainers(ownerPid: number) {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.ownerPid}=${ownerPid}`, `${LABELS.managed}=true`] },
  });
}

function command(runner: Runner, project: string, cache: string): string[] {
  return runner === 'vitest'
    ? [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', join(project, 'vitest.config.mts')]
    : [
        join(root, 'node_modules/jest/bin/jest.js'),
        '-c',
        join(project, 'jest.config.cjs'),
        '--cacheDirectory',
        cache,
      ];
}

/** Runs one trial; removes whatever the run left afterwards (after counting it), and its processes. */
export async function signalTrial(
  runner: Runner,
  signalCase: SignalCase,
  options: { stores?: string[]; observeMs?: number; readyTimeoutMs?: number } = {},
): Promise<TrialResult> {
  const stores = options.stores ?? ['redis'];
  const observeMs = options.observeMs ?? 10_000;
  const tmp = mkdtempSync(join(tmpdir(), 'dbc-signal-'));
  const readyFile = join(tmp, 'worker.pid');
  const project = join(root, `test/fixtures/${runner}-signals`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    FORCE_COLOR: '0',
    DBC_SIGNAL_READY_FILE: readyFile,
    DBC_SIGNAL_STORES: stores.join(','),
  };
  // The parent's own runner state must not leak into the child run.
  for (const key of Object.keys(env))
    if (/^(VITEST|JEST_WORKER_ID$|DBC_STACK$|DBC_FIXTURES_CONFIG$)/.test(key)) delete env[key];
  // Its own process group, so that whatever it leaves (orphaned workers) is killed after the trial.
  const child = spawn(process.execPath, command(runner, project, join(tmp, 'cache')), {
    cwd: runner === 'vitest' ? project : root,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += String(d)));
  child.stderr.on('data', (d: Buffer) => (output += String(d)));
  let exit: TrialResult['exit'];
  const exited = new Promise<void>((done) =>
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      done();
    }),
  );
  const pid = child.pid!;
  try {
    const deadline = Date.now() + (options.readyTimeoutMs ?? 120_000);
    while (!existsSync(readyFile) || readFileSync(readyFile, 'utf8') === '') {
      if (exit) throw new Error(`${runner} ended before its test ran (${JSON.stringify(exit)}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`${runner}'s test did not start in time:\n${output}`);
      await new Promise((done) => setTimeout(done, 100));
    }
    const workerPid = Number(readFileSync(readyFile, 'utf8'));
    const before = (await runContainers(pid)).length;
    if (signalCase === 'SIGKILL-worker') process.kill(workerPid, 'SIGKILL');
    else if (signalCase === 'SIGINT-group') process.kill(-pid, 'SIGINT');
    else child.kill(signalCase);
    const sent = Date.now();
    let goneAfterMs: number | undefined;
    while (Date.now() - sent < observeMs) {
      if (goneAfterMs === undefined && (await runContainers(pid)).length === 0)
        goneAfterMs = Date.now() - sent;
      await new Promise((done) => setTimeout(done, 200));
    }
    const left = (await runContainers(pid)).length;
    return { runner, signalCase, stores, before, left, goneAfterMs, exit, output };
  } finally {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
    await exited;
    const client = await getContainerRuntimeClient();
    await Promise.all(
      (await runContainers(pid)).map((c) =>
        client.container.dockerode.getContainer(c.Id).remove({ force: true, v: true }),
      ),
    );
    rmSync(tmp, { recursive: true, force: true });
  }
}
