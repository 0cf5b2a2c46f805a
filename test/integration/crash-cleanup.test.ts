import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { getContainerRuntimeClient } from 'testcontainers';
import { describe, expect, it } from 'vitest';
import { LABELS } from '../../src/containers/container-labels.js';
import { signalTrial, SIGNAL_CASES, RUNNERS, type Runner, type SignalCase } from './signal-trial.js';

// Crash cleanup through the real runners (Vitest from this repository's sources, Jest through the
// built package's preset): whatever happens to the runner's main process, or to the worker running
// a test, the run's containers are gone 10 s later, without waiting for the next run's sweep.
// One trial per case here; scripts/signal-trials.ts runs many.
const expectations: Record<SignalCase, string> = {
  SIGINT: 'SIGINT (Ctrl-C) of the main process',
  SIGTERM: 'SIGTERM of the main process',
  SIGKILL: 'SIGKILL of the main process',
  'SIGKILL-worker': 'SIGKILL of the worker running a test (the run ends, failed)',
  'SIGINT-group': "Ctrl-C in a terminal (SIGINT to the runner's process group)",
};

async function trial(runner: Runner, signalCase: SignalCase, stores?: string[]) {
  const result = await signalTrial(runner, signalCase, stores ? { stores } : {});
  const context = `${runner}, ${signalCase}:\n${result.output}`;
  expect(result.before, context).toBe(stores?.length ?? 1);
  expect(result.left, context).toBe(0);
  if (signalCase === 'SIGKILL-worker') {
    expect(result.exit, `the run did not end: ${context}`).toBeDefined();
    expect(result.exit!.code, context).not.toBe(0);
  }
}

describe('containers left 10 s after', { timeout: 120_000 }, () => {
  for (const signalCase of SIGNAL_CASES) {
    // Both runners at once: a trial mostly waits.
    it(`${expectations[signalCase]}, under ${RUNNERS.join(' and ')}: none`, async () => {
      await Promise.all(RUNNERS.map((runner) => trial(runner, signalCase)));
    });
  }

  it('all four stores, SIGKILL of the Vitest main process: none', async () => {
    await trial('vitest', 'SIGKILL', ['postgres', 'mongodb', 'redis', 'qdrant']);
  });
});

/** A stack started in a child process (children/start-stack.ts) that hangs until killed; its run id. */
async function hangingStack() {
  const proc = execFile(process.execPath, [
    '--import',
    'tsx',
    join(import.meta.dirname, 'children/start-stack.ts'),
    JSON.stringify({ redis: {} }),
    'hang',
  ]);
  const line = await new Promise<string>((done) => proc.stdout!.once('data', (d: Buffer) => done(String(d))));
  return { proc, runId: (JSON.parse(line) as { info: { runId: string } }).info.runId };
}

async function runContainers(runId: string) {
  const client = await getContainerRuntimeClient();
  return client.container.dockerode.listContainers({
    all: true,
    filters: { label: [`${LABELS.run}=${runId}`] },
  });
}

it("a killed run's watcher removes that run's containers only, not another run's", async () => {
  const [killed, alive] = await Promise.all([hangingStack(), hangingStack()]);
  try {
    expect(await runContainers(alive.runId)).toHaveLength(1);
    killed.proc.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while ((await runContainers(killed.runId)).length > 0 && Date.now() < deadline)
      await new Promise((done) => setTimeout(done, 200));
    expect(await runContainers(killed.runId)).toHaveLength(0);
    // The watcher's later sweeps (1 s and 3 s after) have run too.
    await new Promise((done) => setTimeout(done, 4_000));
    const left = await runContainers(alive.runId);
    expect(left).toHaveLength(1);
    expect(left[0]!.State).toBe('running');
  } finally {
    alive.proc.kill('SIGINT');
    await new Promise((done) => alive.proc.once('close', done));
  }
  expect(await runContainers(alive.runId)).toHaveLength(0);
});
