import { describe, expect, it } from 'vitest';
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
