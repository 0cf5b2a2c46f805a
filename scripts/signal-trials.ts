// Crash cleanup, many trials: for every runner (vitest, jest) and case (SIGINT, SIGTERM, SIGKILL of
// the runner's main process, SIGKILL of the worker running a test, SIGINT to the runner's process
// group as Ctrl-C in a terminal sends it), runs the signal projects of
// test/fixtures through the real runner, signals it, and counts that run's containers 10 s later.
// Heavy (each trial starts a run and its containers): run it on a quiet machine, after `npm run build`
// (Jest uses the built package).
//
//   npx tsx scripts/signal-trials.ts [--trials 10] [--stores redis] [--runners vitest,jest]
//     [--cases SIGINT,SIGTERM,SIGKILL,SIGKILL-worker,SIGINT-group] [--concurrency 2]
//
// Prints one line per trial and a table; exits 1 when any trial left a container (or, for a
// worker kill, the run did not end with a failure).
import { parseArgs } from 'node:util';
import { loadOfflineEnv } from './offline-env.mjs';
import {
  RUNNERS,
  SIGNAL_CASES,
  signalTrial,
  type Runner,
  type SignalCase,
  type TrialResult,
} from '../test/integration/signal-trial.js';

loadOfflineEnv();

const { values } = parseArgs({
  options: {
    trials: { type: 'string', default: '10' },
    stores: { type: 'string', default: 'redis' },
    runners: { type: 'string', default: RUNNERS.join(',') },
    cases: { type: 'string', default: SIGNAL_CASES.join(',') },
    concurrency: { type: 'string', default: '2' },
  },
});

function list<T extends string>(value: string, allowed: readonly T[], flag: string): T[] {
  const items = value.split(',').filter(Boolean);
  const bad = items.filter((item) => !allowed.includes(item as T));
  if (bad.length > 0)
    throw new Error(`--${flag}: unknown ${bad.join(', ')} (allowed: ${allowed.join(', ')})`);
  return items as T[];
}
const trials = Number(values.trials);
const concurrency = Number(values.concurrency);
if (!Number.isInteger(trials) || trials < 1)
  throw new Error(`--trials: a positive integer, not ${values.trials}`);
if (!Number.isInteger(concurrency) || concurrency < 1)
  throw new Error(`--concurrency: a positive integer, not ${values.concurrency}`);
const runners = list(values.runners, RUNNERS, 'runners');
const cases = list(values.cases, SIGNAL_CASES, 'cases');
const stores = values.stores.split(',').filter(Boolean);

/** A trial that went wrong: containers left, or a killed worker's run that did not fail. */
const bad = (r: TrialResult) =>
  r.left !== 0 || (r.signalCase === 'SIGKILL-worker' && (r.exit === undefined || r.exit.code === 0));

// Trials interleaved (runner x case, round after round), so that load spreads over every case.
const queue: [Runner, SignalCase][] = [];
for (let i = 0; i < trials; i++) for (const runner of runners) for (const c of cases) queue.push([runner, c]);
const results: TrialResult[] = [];
const began = Date.now();
async function worker() {
  for (let next = queue.shift(); next; next = queue.shift()) {
    const [runner, signalCase] = next;
    const result = await signalTrial(runner, signalCase, { stores }).catch((error: unknown): TrialResult => ({
      runner,
      signalCase,
      stores,
      before: 0,
      left: -1,
      goneAfterMs: undefined,
      exit: undefined,
      output: String((error as Error).message),
    }));
    results.push(result);
    const exit = result.exit ? (result.exit.signal ?? `code ${result.exit.code}`) : 'still running';
    console.log(
      `${runner} ${signalCase}: ${result.before} container(s) before, ${result.left} left after 10 s` +
        ` (gone after ${result.goneAfterMs ?? '-'} ms; runner ended: ${exit})`,
    );
    if (bad(result)) console.log(result.output.slice(-3000));
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));

console.log(
  `\n${trials} trial(s) per case, stores: ${stores.join(', ')}, ${Math.round((Date.now() - began) / 1000)} s`,
);
console.log(
  '| runner | case | trials | containers before | left after 10 s | trials with any left | slowest removal (ms) |',
);
console.log('|---|---|---|---|---|---|---|');
for (const runner of runners) {
  for (const c of cases) {
    const rs = results.filter((r) => r.runner === runner && r.signalCase === c);
    const sum = (f: (r: TrialResult) => number) => rs.reduce((n, r) => n + f(r), 0);
    const slowest = Math.max(...rs.map((r) => r.goneAfterMs ?? Infinity));
    console.log(
      `| ${runner} | ${c} | ${rs.length} | ${sum((r) => r.before)} | ${sum((r) => Math.max(r.left, 0))} | ${rs.filter(bad).length} | ${slowest} |`,
    );
  }
}
process.exitCode = results.some(bad) ? 1 : 0;
