// Section peer: jest-prisma side by side. The same ~20 files of Prisma tests (peer/generate.ts) under
// @quramy/jest-prisma-node, this library's Jest preset and its Vitest plugin, and each runner alone
// (a plain client, no isolation: the floor no library can go below), all against one
// PostgreSQL started here once (the library's runs reach it as an external server, DBC_POSTGRES_URL,
// so no run pays a container start), the same schema, 2 workers each; wall time from spawn to exit,
// rounds interleaved (A B C, B C A, ...) after an unkept warm-up run of each.
import { join } from 'node:path';
import { databaseUrl } from '../../src/internal/bench.js';
import { defineDatabaseFixtures } from '../../src/public/index.js';
import { jestArgs, runReported, vitestArgs } from '../lib/child.js';
import { reps, ROOT, RUN_ID, TMP_DIR } from '../lib/env.js';
import { PG_MIGRATIONS } from '../lib/example.js';
import { PlainPostgres } from '../lib/plain.js';
import type { Results } from '../lib/results.js';
import { startTracked } from '../lib/stack.js';
import { ratio, summarize } from '../lib/stats.js';
import { generatePeerSuites, isFloor, PEER_VARIANTS, runnerOf, type PeerVariant } from '../peer/generate.js';

const TESTS_PER_FILE = 5;

export async function peerSection(results: Results, log: (line: string) => void): Promise<void> {
  const files = Number(process.env.BENCH_PEER_FILES ?? 20);
  const rounds = Number(process.env.BENCH_PEER_ROUNDS ?? reps(5, 1));
  const { stack, stop } = await startTracked(
    defineDatabaseFixtures({ postgres: { migrations: PG_MIGRATIONS }, reuse: false, root: ROOT }),
  );
  const pg = stack.info.postgres!;
  // jest-prisma's database: the migrated template cloned once, shared by both workers (each test in a transaction).
  const shared = await PlainPostgres.create(pg.url, `dbc_bench_peer_${RUN_ID}`, pg.template);
  const fixtures = {
    postgres: { migrations: PG_MIGRATIONS },
    isolation: { leakCheck: false },
    report: false,
    root: ROOT,
  };
  const base = join(TMP_DIR, 'peer');
  const configs = generatePeerSuites(base, { files, fixtures });
  const env = {
    DBC_POSTGRES_URL: pg.url,
    BENCH_PEER_PG_URL: databaseUrl(pg.url, shared.name),
    DBC_QUIET: 'true',
  };

  // Users left in jest-prisma's database after a run (each test's transaction should have taken its own away).
  const leaked: number[] = [];
  const run = async (variant: PeerVariant, name: string) => {
    const reportFile = join(base, `${name}.json`);
    const report = await runReported({
      command: process.execPath,
      args:
        runnerOf(variant) === 'vitest'
          ? vitestArgs(configs[variant], reportFile)
          : jestArgs(configs[variant], reportFile),
      env,
      reportFile,
      logFile: join(base, `${name}.log`),
      expectedTests: files * TESTS_PER_FILE,
    });
    if (variant === 'jest_prisma') {
      const { rows } = await shared.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM "User"');
      leaked.push(rows[0]!.n);
    }
    // The floors commit their rows by design; the next run starts from an empty database either way.
    if (variant === 'jest_prisma' || isFloor(variant))
      await shared.pool.query('TRUNCATE "User", "Category" CASCADE');
    return report;
  };

  // Unkept: SWC's and Vite's caches, and the library's template on this server (built by its first run).
  for (const variant of PEER_VARIANTS) await run(variant, `warmup-${variant}`);
  const wall = Object.fromEntries(PEER_VARIANTS.map((v) => [v, [] as number[]])) as Record<
    PeerVariant,
    number[]
  >;
  for (let r = 0; r < rounds; r += 1) {
    const order = PEER_VARIANTS.map((_, i) => PEER_VARIANTS[(i + r) % PEER_VARIANTS.length]!);
    for (const variant of order) {
      const report = await run(variant, `${variant}-${r}`);
      wall[variant].push(report.ms);
      log(`  peer ${variant.padEnd(12)} round ${r + 1}: ${(report.ms / 1000).toFixed(2)} s`);
    }
  }
  await shared.drop();
  await stop();

  for (const variant of PEER_VARIANTS) results.median(`peer.${variant}_ms`, wall[variant]);
  // Each round's own ratio, so the spread printed beside the median ratio is that of like-for-like pairs.
  const compare = (variant: PeerVariant, base: PeerVariant, target: string) => {
    const key = `peer.${variant}_over_${base}`;
    const perRound = wall[variant].map((ms, i) => ratio(ms, wall[base][i]));
    results.value(key, ratio(results.figures[`peer.${variant}_ms`]!, results.figures[`peer.${base}_ms`]!));
    results.stats[key] = { ...summarize(perRound), p50: results.figures[key]! };
    log(`  ${key} = ${results.figures[key]} (per round ${perRound.join(', ')}${target})`);
  };
  compare('jest', 'jest_prisma', '; target <= 1.0');
  compare('vitest', 'jest_prisma', '; target <= 1.0');
  // How far each runner alone is from jest-prisma, and how much this library adds to its runner.
  compare('jest_floor', 'jest_prisma', '');
  compare('vitest_floor', 'jest_prisma', '');
  compare('jest', 'jest_floor', '');
  compare('vitest', 'vitest_floor', '');
  results.median('peer.jest_prisma.leaked_users_per_run', leaked);
  results.value('peer.files', files);
  results.value('peer.rounds', rounds);
  results.note(
    'peer',
    `${files} files x ${TESTS_PER_FILE} Prisma tests (interactive and batch $transaction, a nested transaction rolled back inside a kept one, a caught unique violation, relations), 2 workers, ` +
      `wall time from spawn to exit, ${rounds} rounds in rotated order after one unkept run of each. All on one PostgreSQL started once: ` +
      '@quramy/jest-prisma-node (enableExperimentalRollbackInTransaction, the client built with @prisma/adapter-pg and given through jestPrisma.initializeClient) on one migrated database; ' +
      "this library's Jest preset and Vitest plugin (isolate: true) reaching it as an external server (DBC_POSTGRES_URL), its template built by the warm-up run; " +
      "jest_floor and vitest_floor: the runner alone (isolate: true), a plain client on jest-prisma's database built at module load, no isolation. " +
      "*_over_jest_prisma: ratio of the medians; stats min/max: each round's own ratio. " +
      "Tests count only their own users; jest_prisma.leaked_users_per_run: users left committed in jest-prisma's database after a run (removed before the next).",
  );
}
