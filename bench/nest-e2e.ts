// The NestJS example's e2e suites (examples/nest-app: Jest as nest new lays it out, and Vitest
// with SWC), each run as a child process with 2 workers, against the same suites with the
// library's isolation taken out and each test's data removed by hand (bench/nest-e2e/: every
// worker's app on namespaces of its own, TRUNCATE / deleteMany / FLUSHDB / point deletion after
// every test). Run by hand, not in npm test:
//   npx tsx bench/nest-e2e.ts [--runs=5]
// Both variants run against one stack started here (the library's as external servers,
// DBC_<STORE>_URL), so neither pays for containers; a warm-up run of each comes first (ts-jest's
// cache, the library's templates on those servers). Prints each variant's wall times and the
// library / by-hand ratio of the medians per runner.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, prepareEnv } from './lib/env.js';

prepareEnv();
const { MongoClient } = await import('mongodb');
const pg = (await import('pg')).default;
const { cleanupOnSignals, onCleanup, runCleanup } = await import('./lib/cleanup.js');
const { startTracked } = await import('./lib/stack.js');
const { ratio, summarize } = await import('./lib/stats.js');
const { defineDatabaseFixtures } = await import('../src/public/index.js');
const { cloneMongoDatabase, databaseUrl, quoteIdent } = await import('../src/internal/bench.js');

const RUNS = Number(process.argv.find((a) => a.startsWith('--runs='))?.slice('--runs='.length) ?? 3);
const APP = join(ROOT, 'examples/nest-app');
const log = (line: string) => process.stderr.write(`${line}\n`);
cleanupOnSignals();

try {
  const { stack } = await startTracked(
    defineDatabaseFixtures({
      root: ROOT,
      postgres: { migrations: './prisma/migrations' },
      mongodb: { migrations: './mongo-migrations' },
      redis: {},
      qdrant: {
        collections: JSON.parse(readFileSync(join(ROOT, 'examples/catalog/collections.json'), 'utf8')),
      },
    }),
  );
  const { postgres, mongodb, redis, qdrant } = stack.info;

  // The by-hand variant's namespaces, made from the migrated templates as a project would with its own scripts.
  const admin = new pg.Client({ connectionString: postgres!.url });
  await admin.connect();
  const mongo = await new MongoClient(mongodb!.url).connect();
  const dropDatabase = (c: typeof admin, name: string) =>
    c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
  onCleanup('drop the by-hand namespaces', async () => {
    for (const id of [1, 2]) {
      await dropDatabase(admin, `bench_w${id}`);
      await mongo.db(`bench_w${id}`).dropDatabase();
    }
    await Promise.all([admin.end(), mongo.close()]);
  });
  for (const id of [1, 2]) {
    await dropDatabase(admin, `bench_w${id}`);
    await admin.query(
      `CREATE DATABASE ${quoteIdent(`bench_w${id}`)} TEMPLATE ${quoteIdent(postgres!.template!)}`,
    );
    await mongo.db(`bench_w${id}`).dropDatabase();
    await cloneMongoDatabase(mongo, mongodb!.template!, `bench_w${id}`);
  }

  const library = {
    DBC_POSTGRES_URL: databaseUrl(postgres!.url, 'postgres'),
    DBC_MONGODB_URL: mongodb!.url,
    DBC_REDIS_URL: redis!.url,
    DBC_QDRANT_URL: qdrant!.url,
  };
  const byHand = {
    BENCH_MANUAL_STACK: JSON.stringify({
      postgres: postgres!.url,
      mongodb: mongodb!.url,
      redis: redis!.url,
      qdrant: qdrant!.url,
    }),
  };
  const jest = [
    '--experimental-vm-modules',
    '--disable-warning=ExperimentalWarning',
    join(ROOT, 'node_modules/jest/bin/jest.js'),
  ];
  const vitest = [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run'];
  const VARIANTS = [
    { runner: 'jest', name: 'library', args: [...jest, '-c', 'test/jest-e2e.json'], env: library },
    {
      runner: 'jest',
      name: 'by hand',
      args: [...jest, '-c', '../../bench/nest-e2e/jest-manual.json'],
      env: byHand,
    },
    { runner: 'vitest', name: 'library', args: vitest, env: library },
    {
      runner: 'vitest',
      name: 'by hand',
      args: [...vitest, '-c', '../../bench/nest-e2e/vitest-manual.config.mts'],
      env: byHand,
    },
  ];

  /** Milliseconds of one child run; a failing run stops the benchmark with its output. */
  function run(variant: (typeof VARIANTS)[number]): Promise<number> {
    const started = performance.now();
    return new Promise((done, fail) => {
      execFile(
        process.execPath,
        variant.args,
        {
          cwd: APP,
          env: { ...process.env, ...variant.env, CI: 'true', FORCE_COLOR: '0' },
          maxBuffer: 64 << 20,
        },
        (error, stdout, stderr) => {
          if (error) fail(new Error(`${variant.runner} ${variant.name} failed:\n${stdout}${stderr}`));
          else done(performance.now() - started);
        },
      );
    });
  }

  const samples = new Map<(typeof VARIANTS)[number], number[]>(VARIANTS.map((v) => [v, []]));
  for (const variant of VARIANTS)
    log(`warm-up ${variant.runner} ${variant.name}: ${Math.round(await run(variant))} ms`);
  // Interleaved, so a slower moment of the machine falls on both variants. A failed run ends the
  // rounds; the complete rounds before it are still reported.
  let failure: unknown;
  rounds: for (let i = 0; i < RUNS; i += 1) {
    const round: number[] = [];
    for (const variant of VARIANTS) {
      try {
        round.push(await run(variant));
      } catch (error) {
        failure = error;
        break rounds;
      }
      log(`run ${i + 1}/${RUNS} ${variant.runner} ${variant.name}: ${Math.round(round.at(-1)!)} ms`);
    }
    VARIANTS.forEach((variant, index) => samples.get(variant)!.push(round[index]!));
  }
  const lines = ['runner  variant   median ms  min ms  max ms'];
  const medians: Record<string, number> = {};
  for (const [variant, values] of samples) {
    const s = summarize(values);
    medians[`${variant.runner} ${variant.name}`] = s.p50;
    lines.push(
      `${variant.runner.padEnd(7)} ${variant.name.padEnd(9)} ${String(Math.round(s.p50)).padStart(9)} ${String(Math.round(s.min)).padStart(7)} ${String(Math.round(s.max)).padStart(7)}`,
    );
  }
  for (const runner of ['jest', 'vitest'])
    lines.push(
      `${runner}: library / by hand = ${ratio(medians[`${runner} library`], medians[`${runner} by hand`])}`,
    );
  process.stdout.write(`${lines.join('\n')}\n`);
  if (failure) throw failure;
} finally {
  await runCleanup();
}
