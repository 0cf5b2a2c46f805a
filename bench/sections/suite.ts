// Section 4: the whole suite. The same 200 cross-database tests in three variants (plugin, naive
// per-test cleanup, no cleanup as the floor), each run as `npx vitest run --config <generated>`
// with 2 workers and timed from spawn to exit. All variants attach to the run's reused stack
// (startDatabaseStack with reuse: true in each run's global setup), so the stack start each run
// pays is a warm attach, the same for all three; the comparison is about per-test cost.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { QUICK, reps, ROOT, TMP_DIR } from '../lib/env.js';
import { exampleConfig, exampleFixtures, QDRANT_COLLECTIONS } from '../lib/example.js';
import { removeReused, startReused } from '../lib/stack.js';
import type { Results } from '../lib/results.js';
import { summarize } from '../lib/stats.js';
import { FILES, generateSuite, TESTS_PER_FILE, VARIANTS, type Variant } from '../suite/generate.js';

interface SuiteRun {
  ms: number;
  /** Sum of the files' durations as Vitest prints them (worker time spent in files). */
  fileMsSum: number;
  /** The plugin's own end-of-run report: per-store reset p50/p99 (plugin variant only). */
  resets: Record<string, { p50: number; p99: number; count: number }>;
  /** Stack attach lines of the global setup (store -> ms). */
  ready: Record<string, number>;
}

const toMs = (value: string, unit: string) => Number(value) * (unit === 's' ? 1000 : 1);

/** Runs one variant; rejects with the output's tail when the suite fails. */
function runSuite(config: string, logFile: string): Promise<SuiteRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const env: NodeJS.ProcessEnv = { ...process.env, DBC_QUIET: 'false', FORCE_COLOR: '0', NO_COLOR: '1' };
    const child = spawn('npx', ['vitest', 'run', '--config', config], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // A hung run must not hold the whole benchmark: it fails after 3 minutes.
    const timer = setTimeout(() => child.kill('SIGTERM'), 180_000);
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += String(d)));
    child.stderr.on('data', (d: Buffer) => (output += String(d)));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      writeFileSync(logFile, output);
      if (code !== 0) {
        reject(new Error(`vitest exited with ${code}:\n${output.split('\n').slice(-40).join('\n')}`));
        return;
      }
      const passed = new RegExp(`Tests\\s+${FILES * TESTS_PER_FILE} passed`).test(output);
      if (!passed) {
        reject(
          new Error(
            `expected ${FILES * TESTS_PER_FILE} passed tests:\n${output.split('\n').slice(-20).join('\n')}`,
          ),
        );
        return;
      }
      let fileMsSum = 0;
      for (const m of output.matchAll(/\((\d+) tests?\)\s+([\d.]+)(ms|s)/g)) fileMsSum += toMs(m[2]!, m[3]!);
      const ready: Record<string, number> = {};
      for (const m of output.matchAll(/database-config: (\w+) ready in (\d+) ms/g))
        ready[m[1]!] = Number(m[2]);
      const resets: SuiteRun['resets'] = {};
      for (const m of output.matchAll(
        /database-config: reset (\w+)\s+(\d+) tests\s+p50 ([\d.]+) ms\s+p99 ([\d.]+) ms/g,
      ))
        resets[m[1]!] = { count: Number(m[2]), p50: Number(m[3]), p99: Number(m[4]) };
      resolve({ ms, fileMsSum, ready, resets });
    });
  });
}

/** Whole-run budget the suite rounds adapt to (npm run bench must end within 10 minutes). */
const BUDGET_MS = 540_000;

export async function suiteSection(
  results: Results,
  log: (line: string) => void,
  runStarted: number,
): Promise<void> {
  const base = join(TMP_DIR, 'suite');
  // report: true makes the plugin print its per-store reset timings (not a container setting: the reuse hash is unchanged).
  const configs = generateSuite(
    base,
    ROOT,
    { ...exampleFixtures({ reuse: true }), report: true },
    QDRANT_COLLECTIONS,
  );
  // The reused stack every run attaches to: created (cold) here, removed at the end.
  const attach = () => startReused(exampleConfig({ reuse: true }));
  await attach();
  // Runs a variant; the stack is attached first (it heals a stack removed by anything else on the
  // machine), and a failed run is retried once.
  const runVariant = async (variant: Variant, logName: string) => {
    await attach();
    try {
      return await runSuite(configs[variant], join(base, `${logName}.log`));
    } catch (error) {
      log(`  suite ${variant} failed, retrying once: ${String((error as Error).message).split('\n')[0]}`);
      await attach();
      return runSuite(configs[variant], join(base, `${logName}-retry.log`));
    }
  };
  // One unkept run warms the page cache and Vitest's transforms.
  if (!QUICK) await runVariant('floor', 'warmup');
  // The overhead share's spread has to be smaller than the effect: more rounds than the wall times alone need.
  const maxRounds = Number(process.env.BENCH_SUITE_ROUNDS ?? reps(5, 1));
  const minRounds = Math.min(maxRounds, reps(3, 1));
  const runs: Record<Variant, SuiteRun[]> = { plugin: [], naive: [], floor: [] };
  let roundMs = 0;
  for (let round = 0; round < maxRounds; round += 1) {
    const elapsed = performance.now() - runStarted;
    if (round >= minRounds && elapsed + roundMs > BUDGET_MS) {
      log(`  suite: stopping after ${round} rounds to stay within the time budget`);
      break;
    }
    const roundStarted = performance.now();
    // Rotated order, so no variant always runs first or last.
    const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]!);
    for (const variant of order) {
      const run = await runVariant(variant, `${variant}-${round}`);
      runs[variant].push(run);
      log(`  suite ${variant.padEnd(6)} round ${round + 1}: ${(run.ms / 1000).toFixed(2)} s`);
    }
    roundMs = performance.now() - roundStarted;
  }
  results.value('suite.rounds', runs.plugin.length);
  // The isolation overhead share: what the plugin adds over no cleanup, as a share of what naive
  // cleanup adds. plugin / naive cannot go below floor / naive; this can go to 0. The figure is from
  // the medians; its stats' min/max are each round's own share (the spread printed beside it).
  const med = (variant: Variant) => summarize(runs[variant].map((r) => r.ms)).p50;
  const share = (p: number, n: number, f: number) => Math.round(((p - f) / (n - f)) * 1000) / 1000;
  const perRound = runs.plugin.map((r, i) => share(r.ms, runs.naive[i]!.ms, runs.floor[i]!.ms));
  results.value('suite.overhead_share', share(med('plugin'), med('naive'), med('floor')));
  results.stats['suite.overhead_share'] = {
    ...summarize(perRound),
    p50: results.figures['suite.overhead_share']!,
  };
  log(
    `  suite.overhead_share = ${results.figures['suite.overhead_share']} (per round ${perRound.join(', ')}; target <= 0.05)`,
  );
  await removeReused();
  // The plugin's own report of its resets inside the suite (median over rounds of each round's p50/p99).
  for (const store of ['postgres', 'mongodb', 'redis', 'qdrant']) {
    const seen = runs.plugin.map((r) => r.resets[store]).filter((v) => v !== undefined);
    if (seen.length === 0) continue;
    const p50 = summarize(seen.map((v) => v.p50));
    const p99 = summarize(seen.map((v) => v.p99));
    results.value(`suite.plugin.reset.${store}.p50_ms`, p50.p50);
    results.value(`suite.plugin.reset.${store}.p99_ms`, p99.p50);
    // n: resets per run; p50/p99: medians over the runs of each run's figure; min/max: of the runs' p50.
    results.stats[`suite.plugin.reset.${store}`] = { ...p50, n: seen[0]!.count, p99: p99.p50 };
  }
  for (const variant of VARIANTS) {
    results.median(
      `suite.${variant}_ms`,
      runs[variant].map((r) => r.ms),
    );
    results.median(
      `suite.${variant}.file_ms_sum`,
      runs[variant].map((r) => r.fileMsSum),
    );
    const attach = runs[variant].map((r) => Math.max(0, ...Object.values(r.ready)));
    results.median(`suite.${variant}.stack_attach_ms`, attach);
  }
  results.note(
    'suite',
    `${FILES} files x ${TESTS_PER_FILE} tests, 2 workers, \`npx vitest run --config <generated>\`, wall time from spawn to exit, ${runs.plugin.length} rounds in rotated order after one unkept run. ` +
      "Every variant attaches to the run's reused stack (reuse: true): the stack start inside each figure is a warm attach (suite.<variant>.stack_attach_ms: " +
      "the slowest store's \"ready\" line) and the templates exist. Nothing is subtracted. naive/floor use plain clients on the namespaces the plugin's worker created (untracked: the plugin's automatic per-test scope resets nothing; at each file's end it truncates the tables written); " +
      "file_ms_sum: the files' durations as Vitest prints them, summed (worker time). overhead_share: (plugin - floor) / (naive - floor) of the medians; its min/max: each round's own share. suite.plugin.reset.*: the plugin's own end-of-run reset report.",
  );
}
