// Section files: what each test file costs before its first assertion. FILES files of TESTS tests
// (PostgreSQL through Prisma, and Redis) run through the real runners as child processes (Vitest
// isolate: true and false, Jest with the preset), each against the same suite on a floor (plain
// clients on a database migrated beforehand, no reset, no plugin). Per file, the first test's
// duration minus the median of the others (the runners' JSON reports) is its first-test overhead;
// the plugin's figure beyond the floor's is what the plugin adds per file. The plugin's runs attach
// to a reused stack started here, so no run pays a container start.
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { databaseUrl } from '../../src/internal/bench.js';
import { defineDatabaseFixtures } from '../../src/public/index.js';
import { jestArgs, runReported, vitestArgs, type RunReport } from '../lib/child.js';
import { BENCH_ENV } from '../lib/docker.js';
import { QUICK, reps, ROOT, RUN_ID, TMP_DIR } from '../lib/env.js';
import { PG_MIGRATIONS } from '../lib/example.js';
import { PlainPostgres } from '../lib/plain.js';
import type { Results } from '../lib/results.js';
import { removeReused, startReused } from '../lib/stack.js';
import { round, summarize } from '../lib/stats.js';
import { FILE_VARIANTS, generateFileSuites, isFloor, runnerOf, type FileVariant } from '../files/generate.js';

interface Mark {
  file: number;
  pid: number;
  /** performance.timeOrigin: the process's start (a file's own process only under Vitest isolate: true). */
  processStart: number;
  loaded: number;
  bodyStart: number;
  bodyEnd: number;
  /** The file's afterAll, before its clients close: its last test has ended. */
  lastEnd: number;
}

/** Vitest isolate: true runs each file in a process of its own, so the process's start is the file's. */
const OWN_PROCESS: FileVariant[] = ['vitest', 'vitest_floor'];

const median = (values: number[]) => summarize(values).p50;

/** The plugin variant each floor is compared with, and the key its difference is reported under. */
const COMPARED: [FileVariant, FileVariant][] = [
  ['vitest', 'vitest_floor'],
  ['vitest_shared', 'vitest_shared_floor'],
  ['jest', 'jest_floor'],
];

export async function filesSection(results: Results, log: (line: string) => void): Promise<void> {
  const files = Number(process.env.BENCH_FILES_FILES ?? 8);
  const tests = Number(process.env.BENCH_FILES_TESTS ?? 5);
  const rounds = Number(process.env.BENCH_FILES_ROUNDS ?? reps(3, 1));
  const env = { env: { [BENCH_ENV]: RUN_ID } };
  const fixtures = {
    postgres: { migrations: PG_MIGRATIONS, ...env },
    redis: { ...env },
    isolation: { leakCheck: false },
    report: false,
    reuse: true,
    root: ROOT,
  };
  const attach = () => startReused(defineDatabaseFixtures(fixtures));
  const { info } = await attach();
  const floorDb = await PlainPostgres.create(
    info.postgres!.url,
    `dbc_bench_floor_${RUN_ID}`,
    info.postgres!.template,
  );
  const floorEnv = {
    BENCH_FLOOR_PG_URL: databaseUrl(info.postgres!.url, floorDb.name),
    BENCH_FLOOR_REDIS_URL: databaseUrl(info.redis!.url, '34'),
  };
  const base = join(TMP_DIR, 'files');
  const configs = generateFileSuites(base, { files, tests, fixtures });

  const run = async (variant: FileVariant, name: string): Promise<{ report: RunReport; marks: Mark[] }> => {
    if (!isFloor(variant)) await attach();
    const reportFile = join(base, `${name}.json`);
    const marksFile = join(base, `${name}.marks`);
    const args =
      runnerOf(variant) === 'jest'
        ? jestArgs(configs[variant], reportFile)
        : vitestArgs(configs[variant], reportFile);
    const report = await runReported({
      command: process.execPath,
      args,
      env: { ...floorEnv, BENCH_MARKS: marksFile, DBC_QUIET: 'true' },
      reportFile,
      logFile: join(base, `${name}.log`),
      expectedTests: files * tests,
    });
    const marks = existsSync(marksFile)
      ? readFileSync(marksFile, 'utf8')
          .trim()
          .split('\n')
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Mark)
      : [];
    return { report, marks };
  };

  // Unkept runs first: SWC's and Vite's transform caches, the page cache, the plugin's templates.
  for (const variant of QUICK ? (['vitest_floor', 'jest_floor'] as const) : FILE_VARIANTS)
    await run(variant, `warmup-${variant}`);

  // Per variant: every file's first-test excess over the median of its other tests, pooled and per round.
  const excess: Record<string, number[]> = {};
  const excessByRound: Record<string, number[]> = {};
  const first: Record<string, number[]> = {};
  const others: Record<string, number[]> = {};
  const wall: Record<string, number[]> = {};
  const beforeBody: Record<string, number[]> = {};
  const firstBody: Record<string, number[]> = {};
  const startToLoad: Record<string, number[]> = {};
  const fileTotal: Record<string, number[]> = {};
  for (let r = 0; r < rounds; r += 1) {
    const order = FILE_VARIANTS.map((_, i) => FILE_VARIANTS[(i + r) % FILE_VARIANTS.length]!);
    for (const variant of order) {
      const { report, marks } = await run(variant, `${variant}-${r}`);
      const perFile = report.files.map((f) => f.durations[0]! - median(f.durations.slice(1)));
      (excess[variant] ??= []).push(...perFile);
      (excessByRound[variant] ??= []).push(median(perFile));
      (first[variant] ??= []).push(...report.files.map((f) => f.durations[0]!));
      (others[variant] ??= []).push(...report.files.flatMap((f) => f.durations.slice(1)));
      (wall[variant] ??= []).push(report.ms);
      (beforeBody[variant] ??= []).push(
        ...marks.filter((m) => m.bodyStart > 0).map((m) => m.bodyStart - m.loaded),
      );
      (firstBody[variant] ??= []).push(
        ...marks.filter((m) => m.bodyEnd > 0).map((m) => m.bodyEnd - m.bodyStart),
      );
      if (OWN_PROCESS.includes(variant)) {
        (startToLoad[variant] ??= []).push(...marks.map((m) => m.loaded - m.processStart));
        (fileTotal[variant] ??= []).push(
          ...marks.filter((m) => m.lastEnd > 0).map((m) => m.lastEnd - m.processStart),
        );
      } else if (runnerOf(variant) === 'jest') {
        // Jest reuses its workers: the file's own time is the runner's (setup files, modules, tests).
        (fileTotal[variant] ??= []).push(...report.files.map((f) => f.ms).filter(Number.isFinite));
      }
      log(
        `  files ${variant.padEnd(20)} round ${r + 1}: ${(report.ms / 1000).toFixed(2)} s, first test − others p50 ${median(perFile).toFixed(1)} ms`,
      );
    }
  }
  await floorDb.drop();
  await removeReused();

  for (const variant of FILE_VARIANTS) {
    results.median(`files.${variant}.wall_ms`, wall[variant]!);
    results.median(`files.${variant}.first_test_ms`, first[variant]!);
    results.median(`files.${variant}.other_tests_ms`, others[variant]!);
    results.median(`files.${variant}.first_minus_others_ms`, excess[variant]!);
    // From the files' marks: module loaded -> first test's body begun (hooks, fixtures: for the plugin,
    // worker acquire, namespaces, clients), and the first body itself (the clients' first queries).
    results.median(`files.${variant}.phase.load_to_first_body_ms`, beforeBody[variant]!);
    results.median(`files.${variant}.phase.first_body_ms`, firstBody[variant]!);
    if (OWN_PROCESS.includes(variant))
      results.median(`files.${variant}.phase.process_start_to_load_ms`, startToLoad[variant]!);
    if (fileTotal[variant]?.length) results.median(`files.${variant}.file_ms`, fileTotal[variant]);
  }
  // A file's whole cost (Vitest: its process's start -> last test ended; Jest: the runner's time for
  // it), beside the floor's: what the first-test figure misses when the floor pays its drivers'
  // loading before its tests and the plugin inside the first one.
  for (const runner of ['vitest', 'jest'] as const)
    results.value(
      `files.${runner}.file_over_floor_ms`,
      round(median(fileTotal[runner]!) - median(fileTotal[`${runner}_floor`]!), 1),
    );
  for (const [plugin, floor] of COMPARED) {
    const key = `files.${plugin}.first_test_overhead_p50_ms`;
    const value = round(median(excess[plugin]!) - median(excess[floor]!), 1);
    const perRound = excessByRound[plugin]!.map((v, i) => v - excessByRound[floor]![i]!);
    const spread = summarize(perRound);
    results.value(key, value);
    results.stats[key] = { ...spread, p50: value, n: perRound.length };
    for (const phase of ['load_to_first_body', 'first_body'])
      results.value(
        `files.${plugin}.phase.${phase}_over_floor_ms`,
        round(
          median((phase === 'first_body' ? firstBody : beforeBody)[plugin]!) -
            median((phase === 'first_body' ? firstBody : beforeBody)[floor]!),
          1,
        ),
      );
    log(`  ${key} = ${value} ms (per round ${perRound.map((v) => v.toFixed(0)).join(', ')}; target <= 150)`);
  }
  results.value('files.files', files);
  results.value('files.tests_per_file', tests);
  results.value('files.rounds', rounds);
  results.note(
    'files',
    `${files} files x ${tests} tests (a Prisma create + count and a Redis SET + GET each), 2 workers, ${rounds} rounds in rotated order after unkept warm-up runs; ` +
      'vitest: plugin, isolate: true; vitest_shared: plugin, isolate: false; jest: the preset; *_floor: the same files with a PrismaClient and an ioredis client made at module level on a database migrated beforehand (no plugin, no reset). ' +
      "first_minus_others: per file, the first test's duration minus the median of the file's other tests (the runners' JSON reports), p50 over every file of every round; " +
      "first_test_overhead_p50_ms: the plugin's first_minus_others minus the floor's (stats: min/max of the per-round differences). " +
      "phase.*: from marks the files write (performance.timeOrigin + now()): module loaded -> first test's body begun, and the first body's duration. " +
      "Worker set-up done in a runner's beforeAll is outside every test's duration; it shows in phase.load_to_first_body and in wall_ms. " +
      "vitest (isolate: true) runs each file in a process of its own: phase.process_start_to_load is that process's start -> the file loaded, file_ms its start -> the last test ended, jest's file_ms is Jest's own time per file (its report's startTime -> endTime: setup files, module loading, tests); file_over_floor_ms the plugin's file_ms minus the floor's (the floor loads its drivers before its tests, the plugin inside the first one, so the first-test figure alone favours the floor).",
  );
}
