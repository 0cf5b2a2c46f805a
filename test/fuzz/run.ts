// The isolation fuzz: generates test files from a seed (test/fuzz/generate.ts) and runs them
// through `vitest run` as a child process (test/fuzz/vitest.config.ts), shuffled, once per
// configuration of worker count and `isolate`; prints tests, passed, failed and leaks (any failing
// assertion, IsolationLeakError or failed file counts as a leak) and exits 1 on any.
// Usage: tsx test/fuzz/run.ts [--files 8] [--tests 8] [--workers 2,4] [--isolate false,true] [--seed 1]
import { spawn } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generate, generatedDir } from './generate.js';

interface JsonReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: {
    name: string;
    status: string;
    message?: string;
    assertionResults: { fullName: string; status: string; failureMessages: string[] }[];
  }[];
}

interface Outcome {
  workers: number;
  isolate: boolean;
  tests: number;
  passed: number;
  failed: number;
  leaks: number;
  leakErrors: number;
  failedFiles: number;
  exitCode: number;
  seconds: number;
  failures: string[];
  log: string;
}

const root = fileURLToPath(new URL('../..', import.meta.url));

function option(list: string, name: string, parse: (item: string) => unknown): unknown[] {
  const items = list.split(',').map((item) => item.trim());
  return items.map((item) => {
    const value = parse(item);
    if (value === undefined) {
      throw new Error(
        `test/fuzz/run.ts: --${name} ${JSON.stringify(list)}: ${JSON.stringify(item)} is not valid; e.g. --workers 2,4 --isolate false,true`,
      );
    }
    return value;
  });
}

const positive = (item: string) => (/^[1-9]\d*$/.test(item) ? Number(item) : undefined);
const bool = (item: string) => ({ true: true, on: true, false: false, off: false })[item];

async function runOnce(
  dir: string,
  workers: number,
  isolate: boolean,
  shuffleSeed: number,
  limitMs: number,
): Promise<Outcome> {
  const name = `w${workers}-${isolate ? 'isolate' : 'no-isolate'}`;
  const reportPath = join(dir, `${name}.json`);
  const logPath = join(dir, `${name}.log`);
  const args = [
    'node_modules/vitest/vitest.mjs',
    'run',
    '--config',
    'test/fuzz/vitest.config.ts',
    '--maxWorkers',
    String(workers),
    isolate ? '--isolate' : '--no-isolate',
    '--sequence.shuffle',
    '--sequence.seed',
    String(shuffleSeed),
    '--reporter=dot',
    '--reporter=json',
    `--outputFile.json=${reportPath}`,
    relative(root, dir),
  ];
  const started = performance.now();
  const log = createWriteStream(logPath);
  const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  // A run that hangs is a failure too: bounded, then stopped (its own process group only).
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, limitMs);
  const exitCode = await new Promise<number>((done) => child.once('close', (code) => done(code ?? 1)));
  clearTimeout(timer);
  const seconds = (performance.now() - started) / 1000;
  let report: JsonReport | undefined;
  try {
    report = JSON.parse(readFileSync(reportPath, 'utf8')) as JsonReport;
  } catch {
    report = undefined;
  }
  const failures: string[] = [];
  if (timedOut) failures.push(`the run did not end within ${Math.round(limitMs / 1000)} s and was stopped`);
  if (!report) failures.push(`no JSON report at ${reportPath} (exit code ${exitCode}); see ${logPath}`);
  let leakErrors = 0;
  let failedFiles = 0;
  for (const file of report?.testResults ?? []) {
    for (const test of file.assertionResults) {
      if (test.status !== 'failed') continue;
      const message = test.failureMessages.join('\n');
      if (message.includes('IsolationLeakError')) leakErrors += 1;
      failures.push(`${test.fullName}\n${message.split('\n').slice(0, 40).join('\n')}`);
    }
    if (file.status === 'failed' && file.message) {
      failedFiles += 1;
      if (file.message.includes('IsolationLeakError')) leakErrors += 1;
      failures.push(`${relative(root, file.name)}: ${file.message.split('\n').slice(0, 40).join('\n')}`);
    }
  }
  const failed = report?.numFailedTests ?? 0;
  return {
    workers,
    isolate,
    tests: report?.numTotalTests ?? 0,
    passed: report?.numPassedTests ?? 0,
    failed,
    leaks: failed + failedFiles,
    leakErrors,
    failedFiles,
    exitCode,
    seconds,
    failures,
    log: logPath,
  };
}

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '8' },
    tests: { type: 'string', default: '8' },
    workers: { type: 'string', default: '2,4' },
    isolate: { type: 'string', default: 'false,true' },
    seed: { type: 'string', default: String(Date.now() % 100_000) },
  },
});
const [files, tests, seed] = [values.files, values.tests, values.seed].map(
  (value, i) =>
    option(value, ['files', 'tests', 'seed'][i]!, (v) => (v === '0' ? undefined : positive(v)))[0],
) as number[];
const workerCounts = option(values.workers, 'workers', positive) as number[];
const isolates = option(values.isolate, 'isolate', bool) as boolean[];

const dir = generatedDir(seed!);
generate({ seed: seed!, files: files!, testsPerFile: tests!, dir });
const expected = files! * tests!;
process.stdout.write(
  `isolation fuzz: seed ${seed}, ${files} files x ${tests} tests in ${relative(root, dir)}\n`,
);

const outcomes: Outcome[] = [];
let index = 0;
for (const workers of workerCounts) {
  for (const isolate of isolates) {
    const outcome = await runOnce(dir, workers, isolate, seed! + index, 120_000 + expected * 3_000);
    index += 1;
    outcomes.push(outcome);
    const counted = outcome.tests === expected ? '' : ` (expected ${expected} tests)`;
    process.stdout.write(
      `  workers ${workers}, isolate ${isolate}: ${outcome.tests} tests${counted}, ${outcome.passed} passed, ` +
        `${outcome.failed} failed, ${outcome.failedFiles} failed files, leaks ${outcome.leaks} ` +
        `(IsolationLeakError ${outcome.leakErrors}), exit ${outcome.exitCode}, ${outcome.seconds.toFixed(1)} s\n`,
    );
    for (const failure of outcome.failures.slice(0, 5))
      process.stdout.write(`    ${failure.replaceAll('\n', '\n    ')}\n`);
    if (outcome.failures.length > 5)
      process.stdout.write(`    ... ${outcome.failures.length - 5} more; log: ${outcome.log}\n`);
  }
}
const total = outcomes.reduce((sum, o) => sum + o.tests, 0);
const leaks = outcomes.reduce((sum, o) => sum + o.leaks, 0);
const bad = outcomes.filter(
  (o) => o.leaks > 0 || o.exitCode !== 0 || o.tests !== expected || o.failures.length > 0,
);
process.stdout.write(
  `isolation fuzz: ${total} tests in ${outcomes.length} runs, leaks ${leaks}, ` +
    `${outcomes.reduce((sum, o) => sum + o.seconds, 0).toFixed(1)} s; ${bad.length === 0 ? 'OK' : `${bad.length} run(s) failed`}\n`,
);
if (bad.length > 0) {
  process.stdout.write(
    `Reproduce: npx tsx test/fuzz/run.ts --seed ${seed} --files ${files} --tests ${tests} (logs in ${relative(root, dir)})\n`,
  );
  process.exitCode = 1;
}
