// Section 3: stack start. Cold start of each store alone and of all four together (fresh
// containers, no migrations, so the parallel start is compared with the slowest single store),
// the same with the example migrations, and the warm start: startDatabaseStack with reuse twice,
// the second attaching to the first one's containers.
import { defineDatabaseFixtures } from '../../src/public/index.js';
import { STORE_NAMES, type StoreName } from 'database-config/internal';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runReported, vitestArgs } from '../lib/child.js';
import { ROOT, reps, TMP_DIR } from '../lib/env.js';
import { importPath, writeVitestConfig } from '../lib/runner-configs.js';
import { exampleConfig, PG_MIGRATIONS } from '../lib/example.js';
import type { Results } from '../lib/results.js';
import { removeReused, startReused, startTracked } from '../lib/stack.js';
import { time } from '../lib/stats.js';

const config = (stores: readonly StoreName[]) =>
  defineDatabaseFixtures({ ...Object.fromEntries(stores.map((s) => [s, {}])), reuse: false, root: ROOT });

/** Starts and stops a stack, returning the wall time of the start and the library's own phase timings. */
async function coldStart(
  stores: readonly StoreName[],
): Promise<{ ms: number; timings: Record<string, number> }> {
  let stop: () => Promise<void> = async () => undefined;
  let timings: Record<string, number> = {};
  const ms = await time(async () => {
    const started = await startTracked(config(stores));
    stop = started.stop;
    timings = started.stack.timings;
  });
  await stop();
  return { ms, timings };
}

/**
 * A run of one PostgreSQL-only test file (a Prisma SELECT 1) through `vitest run`, under a fixture
 * config of all four stores and under one of PostgreSQL alone (fresh containers each time): the
 * first pays for every store it starts and does not use, unless the library starts only what a run uses.
 */
async function postgresOnlyRuns(
  results: Results,
  log: (line: string) => void,
  rounds: number,
): Promise<void> {
  const configs: Record<'all' | 'postgres', string> = { all: '', postgres: '' };
  for (const name of ['all', 'postgres'] as const) {
    const dir = join(TMP_DIR, 'start', name);
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'select.test.ts'),
      `// Generated: a PostgreSQL-only test file.
import { expect } from 'vitest';
import { databaseTest } from '${importPath(dir, join(ROOT, 'src/public/vitest.js'))}';
import { PrismaClient } from '${importPath(dir, join(ROOT, 'prisma/generated/client.js'))}';

const test = databaseTest({ prismaClient: PrismaClient });
test('selects one', async ({ prisma }: any) => {
  expect(await prisma.$queryRawUnsafe('SELECT 1 AS one')).toEqual([{ one: 1 }]);
});
`,
    );
    const stores = name === 'all' ? STORE_NAMES : (['postgres'] as const);
    configs[name] = writeVitestConfig(dir, {
      fixtures: {
        ...Object.fromEntries(stores.map((s) => [s, {}])),
        // The Prisma client is checked against the migrated schema: both configs migrate PostgreSQL.
        postgres: { migrations: PG_MIGRATIONS },
        reuse: false,
        report: false,
        root: ROOT,
      },
      isolate: true,
      workers: 1,
    });
  }
  const wall: Record<'all' | 'postgres', number[]> = { all: [], postgres: [] };
  for (let round = 0; round < rounds; round += 1)
    for (const name of round % 2 === 0 ? (['all', 'postgres'] as const) : (['postgres', 'all'] as const)) {
      const reportFile = join(TMP_DIR, 'start', `${name}-${round}.json`);
      const report = await runReported({
        command: process.execPath,
        args: vitestArgs(configs[name], reportFile),
        env: { DBC_QUIET: 'true' },
        reportFile,
        logFile: join(TMP_DIR, 'start', `${name}-${round}.log`),
        expectedTests: 1,
      });
      wall[name].push(report.ms);
    }
  results.median('start.postgres_only_ms', wall.all);
  results.median('start.postgres_only.postgres_config_ms', wall.postgres);
  log(
    `  PostgreSQL-only run: ${Math.round(results.figures['start.postgres_only_ms']!)} ms under the four-store config, ${Math.round(results.figures['start.postgres_only.postgres_config_ms']!)} ms under a PostgreSQL-only one`,
  );
}

export async function startSection(results: Results, log: (line: string) => void): Promise<void> {
  const rounds = reps(3, 1);
  const single: Record<string, number[]> = {};
  const all: number[] = [];
  const inParallel: Record<string, number[]> = {};
  const migrated: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    // Interleaved, so drift on the machine spreads evenly over the figures compared.
    for (const store of STORE_NAMES) (single[store] ??= []).push((await coldStart([store])).ms);
    const together = await coldStart(STORE_NAMES);
    all.push(together.ms);
    for (const store of STORE_NAMES)
      (inParallel[store] ??= []).push(together.timings[`start.${store}_ms`] ?? Number.NaN);
    let stop: () => Promise<void> = async () => undefined;
    migrated.push(
      await time(async () => {
        stop = (await startTracked(exampleConfig())).stop;
      }),
    );
    await stop();
    log(`  start round ${round + 1}/${rounds}: all ${Math.round(all.at(-1)!)} ms`);
  }
  for (const store of STORE_NAMES) {
    results.median(`start.${store}_ms`, single[store]!);
    results.median(`start.all.${store}_in_parallel_ms`, inParallel[store]!);
  }
  results.median('start.all_ms', all);
  results.median('start.all_migrated_ms', migrated);
  await postgresOnlyRuns(results, log, rounds);
  results.note(
    'start',
    'Cold: fresh containers, wall time of startDatabaseStack (stores alone and all four, no migrations; ' +
      'start.all_migrated_ms adds the example migrations into templates). Warm: startDatabaseStack({ reuse: true }) ' +
      'attaching to running containers whose templates exist. ' +
      'start.postgres_only_ms: wall time of `vitest run` of one PostgreSQL-only file (a Prisma SELECT 1) under a fixture config of all four stores (fresh containers); ' +
      'start.postgres_only.postgres_config_ms: the same file under a PostgreSQL-only config; their ratio is the cost of starting stores a run does not use.',
  );

  // Warm start: the first reuse start creates the containers (and builds the templates); each later one attaches.
  const first = await time(() => startReused(exampleConfig({ reuse: true })));
  results.median('start.reuse_first_ms', [first]);
  const warm: number[] = [];
  const phases: Record<string, number[]> = {};
  for (let i = 0; i < reps(5, 2); i += 1) {
    let timings: Record<string, number> = {};
    warm.push(
      await time(async () => (timings = (await startReused(exampleConfig({ reuse: true }))).timings)),
    );
    for (const [phase, ms] of Object.entries(timings)) (phases[phase] ??= []).push(ms);
  }
  results.median('start.warm_ms', warm);
  // The library's own phase timings of the warm starts (start.<store>_ms: attaching to its container).
  for (const [phase, samples] of Object.entries(phases))
    results.median(`start.warm.${phase.replace(/^start\./, 'attach.')}`, samples);
  log(
    `  warm start ${Math.round(results.figures['start.warm_ms']!)} ms (first reuse start ${Math.round(first)} ms)`,
  );
  // Removed now; the suite section starts them again (other runs' tests may remove reused containers meanwhile).
  const removed = await removeReused();
  log(`  removed ${removed} reused container(s)`);
}
