// npm run coverage: V8 coverage of src/ from every suite `npm test` runs, merged into one report.
//   vitest       `vitest run` (all projects), Vitest's V8 provider
//   external     `npm run test:external` (the isolation project against servers it did not start),
//                the same provider through the Vitest child that test/external/run.ts starts
//   jest         `npm run test:jest` (ESM and CommonJS mode, against dist/; both run, either failing fails the run), raw V8 coverage of
//                every process it starts (NODE_V8_COVERAGE), mapped to src/ (raw-v8.mjs)
// Every suite also runs with NODE_V8_COVERAGE set, so the processes it starts (the CLI, the detached
// run watcher, the child `vitest run`/`jest` runs of test/fixtures) write raw V8 coverage, mapped to
// src/ the same way; what cannot be mapped is named (counted), never guessed.
// Reports: a text table and summary on stdout, a table per folder of src/, coverage/lcov.info,
// coverage/lcov-report/ (HTML) and coverage/coverage-final.json.
//
// Options: --suites vitest,external,jest (default: all; the data of the others, left in coverage/.parts
// by an earlier run, is merged too), --skip-build (dist/ as it is), --merge-only (no run: the report
// again from the data in coverage/.parts); arguments
// after `--` go to both Vitest runs (e.g. `npm run coverage -- --suites vitest -- --project unit`).
// `npm test` is unchanged; this runs the same commands with coverage on. It exits 1 when a suite
// failed (the report is still written) or when a suite wrote no coverage.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import libCoverage from 'istanbul-lib-coverage';
import libReport from 'istanbul-lib-report';
import reports from 'istanbul-reports';
import { addHits } from './project.mjs';
import { convertScripts, readScripts } from './raw-v8.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
process.chdir(root);
// The environment every suite starts from, taken before anything here can change it: loading the Jest
// configs below runs withDatabaseFixtures(), which puts its fixture config in DBC_FIXTURES_CONFIG, and
// the ESM Jest run's globalSetup takes that variable over its own database-fixtures.config.mjs (the
// CommonJS mode's config has no postgres: 3 ESM files failed with "postgres is not configured").
const suiteEnv = { ...process.env };
const out = join(root, 'coverage');
const parts = join(out, '.parts');

const { values, positionals: vitestArgs } = parseArgs({
  options: {
    suites: { type: 'string', default: 'vitest,external,jest' },
    'skip-build': { type: 'boolean' },
    'merge-only': { type: 'boolean' },
  },
  allowPositionals: true,
});
const SUITES = ['vitest', 'external', 'jest'];
const suites = values.suites.split(',').map((name) => name.trim());
const unknown = suites.filter((name) => !SUITES.includes(name));
if (unknown.length > 0) {
  console.error(`coverage: unknown suite ${unknown.join(', ')}; use --suites with any of ${SUITES.join(', ')}`);
  process.exit(2);
}

/** Vitest's V8 provider, JSON only (merged here), of src/ without tests, even when tests fail. */
const vitestCoverage = (dir) => [
  '--coverage.enabled=true',
  '--coverage.provider=v8',
  '--coverage.reporter=json',
  `--coverage.reportsDirectory=${dir}`,
  '--coverage.include=src/**',
  '--coverage.include=packages/database-config/src/**',
  '--coverage.exclude=src/**/*.test.ts',
  '--coverage.exclude=src/types/**',
  '--coverage.reportOnFailure=true',
  ...vitestArgs,
];

/** package.json's test:jest, one command per Jest mode (ESM, CommonJS), each in band. */
function jestInBand() {
  const { scripts } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  return scripts['test:jest'].split(' && ').map((command) => `${command} --runInBand`);
}

/**
 * The Jest configs, for the transform raw-v8.mjs reproduces; loaded once, and the environment put back
 * as it was (withDatabaseFixtures() writes the CommonJS config into process.env).
 */
async function loadJestConfigs() {
  const before = { ...process.env };
  try {
    return [
      (await import(pathToFileURL(join(root, 'jest.config.mjs')).href)).default,
      (await import(pathToFileURL(join(root, 'test/jest-cjs/jest.config.cjs')).href)).default,
    ];
  } finally {
    for (const key of Object.keys(process.env)) if (!(key in before)) delete process.env[key];
    Object.assign(process.env, before);
  }
}

const runs = {
  vitest: {
    command: [process.execPath, 'node_modules/vitest/vitest.mjs', 'run', ...vitestCoverage(join(parts, 'vitest'))],
    result: join(parts, 'vitest', 'coverage-final.json'),
    env: { NODE_V8_COVERAGE: join(parts, 'raw-vitest') },
    raw: join(parts, 'raw-vitest'),
  },
  external: {
    command: ['npm', 'run', 'test:external', '--', ...vitestCoverage(join(parts, 'external'))],
    result: join(parts, 'external', 'coverage-final.json'),
    env: { NODE_V8_COVERAGE: join(parts, 'raw-external') },
    raw: join(parts, 'raw-external'),
  },
  jest: {
    // package.json's test:jest, each Jest run in band: a Jest worker is killed 500 ms after it is asked
    // to exit, which can cut its coverage file short while Node writes it (several MB) on a busy machine.
    // Both modes run even when the first fails, so the second's coverage is still measured.
    commands: jestInBand().map((command) => ['sh', '-c', command]),
    env: { NODE_V8_COVERAGE: join(parts, 'raw-jest') },
    raw: join(parts, 'raw-jest'),
  },
};

function run(command, env = {}) {
  const started = performance.now();
  const { status, signal } = spawnSync(command[0], command.slice(1), {
    stdio: 'inherit',
    env: { ...suiteEnv, ...env },
  });
  return { status: status ?? 1, signal, seconds: (performance.now() - started) / 1000 };
}

const started = performance.now();
const mergeOnly = values['merge-only'] ?? false;
// The reports, and the data of the suites run now; other suites' data of an earlier run is merged too.
if (!mergeOnly) {
  for (const entry of existsSync(out) ? readdirSync(out) : []) {
    if (entry !== '.parts') rmSync(join(out, entry), { recursive: true, force: true });
  }
  for (const name of suites) {
    for (const dir of [name, `raw-${name}`]) rmSync(join(parts, dir), { recursive: true, force: true });
  }
}
mkdirSync(parts, { recursive: true });
const failures = [];
const timings = [];

if (!values['skip-build'] && !mergeOnly) {
  for (const script of ['prisma:generate', 'build']) {
    const { status, seconds } = run(['npm', 'run', script]);
    timings.push([script, seconds]);
    if (status !== 0) {
      console.error(`coverage: npm run ${script} failed (exit ${status}); nothing was measured`);
      process.exit(1);
    }
  }
}

const suiteMaps = {};
let jestConfigs;
for (const name of SUITES) {
  const suite = runs[name];
  const measured = existsSync(suite.result ?? suite.raw);
  if (!suites.includes(name) && !measured) continue;
  if (!mergeOnly && suites.includes(name)) {
    const commands = suite.commands ?? [suite.command];
    for (const [index, command] of commands.entries()) {
      const shown = command[0] === 'sh' ? command[2] : command.join(' ');
      console.error(`\ncoverage: ${name}: ${shown}`);
      const { status, signal, seconds } = run(command, suite.env);
      timings.push([commands.length > 1 ? `${name} ${index + 1}` : name, seconds]);
      if (status !== 0) {
        const failure = `${name} failed (${signal ?? `exit ${status}`}): ${shown}`;
        console.error(`\ncoverage: ${failure}; the run will exit 1`);
        failures.push(failure);
      }
    }
  }
  if (suite.result) {
    if (existsSync(suite.result)) suiteMaps[name] = JSON.parse(readFileSync(suite.result, 'utf8'));
    else failures.push(`${name} wrote no coverage (${relative(root, suite.result)} missing)`);
  }
  // Converted at once: a rebuild of dist/ by anyone else later would leave the raw offsets unreadable.
  jestConfigs ??= await loadJestConfigs();
  const { scripts, unreadable, anonymous } = readScripts([suite.raw], root);
  if (unreadable.length > 0) {
    console.error(
      `coverage: ${unreadable.length} raw file(s) of ${name} not counted (incomplete JSON: a process still writing ` +
        `or killed while writing): ${unreadable.join(', ')}`,
    );
  }
  const { maps, skipped } = await convertScripts(scripts, jestConfigs);
  if (!suite.result && maps.length === 0) {
    failures.push(`${name} wrote no coverage of dist/ or src/ (${relative(root, suite.raw)})`);
  }
  if (skipped.length > 0) {
    console.error(
      `coverage: ${skipped.length} script(s) of ${name}'s processes not counted (their code changed since the run, ` +
        `or no known transform reproduces it: Vite's in Vitest workers, which the outer run's provider counts and ` +
        `child Vitest runs' do not): ` +
        `${[...new Set(skipped.map((url) => relative(root, fileURLToPath(url))))].join(', ')}`,
    );
  }
  if (anonymous > 0) {
    console.error(
      `coverage: ${anonymous} script(s) of ${name}'s processes with no file name not counted (code evaluated ` +
        `by new Function, e.g. Vite's module runner in Vitest's main process: global setups, the stack start)`,
    );
  }
  console.error(`coverage: ${name}: ${maps.length} script(s) of dist/ or src/ mapped from raw V8 coverage`);
  suiteMaps[suite.result ? `${name} (processes)` : name] = maps;
}

// The base map: Vitest's (or external mode's) of every file of src/, the others' hits carried over.
// The testing package's src/ and the production package's (packages/database-config/src/).
const SOURCE_ROOTS = [join(root, 'src') + '/', join(root, 'packages', 'database-config', 'src') + '/'];
const isSource = (file) => SOURCE_ROOTS.some((dir) => file.startsWith(dir)) && !file.endsWith('.test.ts');
const baseName = ['vitest', 'external'].find((name) => suiteMaps[name]);
if (!baseName) {
  console.error('coverage: the vitest or the external suite must run: their maps define the items of each file');
  process.exit(1);
}
const merged = {};
for (const [file, data] of Object.entries(suiteMaps[baseName])) if (isSource(file)) merged[file] = data;
const alone = libCoverage.createCoverageMap(structuredClone(merged)).getCoverageSummary();
const carried = { paired: 0, exact: 0, uniform: 0, unmatched: 0 };
for (const [name, maps] of Object.entries(suiteMaps)) {
  if (name === baseName) continue;
  for (const map of Array.isArray(maps) ? maps : [maps]) {
    for (const [file, data] of Object.entries(map)) {
      if (!merged[file]) continue;
      const stats = addHits(merged[file], data);
      for (const key of Object.keys(carried)) carried[key] += stats[key];
    }
  }
}

const coverageMap = libCoverage.createCoverageMap(merged);
const context = libReport.createContext({ dir: out, coverageMap, defaultSummarizer: 'nested' });
for (const reporter of ['json', 'lcov', 'text', 'text-summary']) {
  reports.create(reporter, { projectRoot: root }).execute(context);
}

// One row per folder of src/ (its subfolders included) and the total.
const folders = new Map();
for (const file of coverageMap.files()) {
  const parts = relative(root, file).split('/');
  // packages/database-config/src/... is reported as its own tree.
  const base = parts[0] === 'packages' ? parts.slice(0, 3).join('/') : 'src';
  const [next] = parts[0] === 'packages' ? parts.slice(3) : parts.slice(1);
  const folder = next && !next.endsWith('.ts') ? `${base}/${next}` : `${base} (top level)`;
  const summary = folders.get(folder) ?? libCoverage.createCoverageSummary();
  summary.merge(coverageMap.fileCoverageFor(file).toSummary());
  folders.set(folder, summary);
}
const cell = (metric) => `${metric.pct.toFixed(1).padStart(5)} % (${metric.covered}/${metric.total})`.padEnd(22);
console.log(`\n${'folder'.padEnd(18)}${'lines'.padEnd(22)}${'branches'.padEnd(22)}${'functions'.padEnd(22)}statements`);
const rows = [...folders].sort(([a], [b]) => a.localeCompare(b));
rows.push(['total', coverageMap.getCoverageSummary()]);
for (const [folder, s] of rows) {
  console.log(`${folder.padEnd(18)}${cell(s.lines)}${cell(s.branches)}${cell(s.functions)}${cell(s.statements)}`);
}
const total = carried.paired + carried.exact + carried.uniform + carried.unmatched;
if (total > 0) {
  console.log(
    `\nHits carried over from ${Object.keys(suiteMaps).filter((n) => n !== baseName).join(', ')} onto ${baseName}'s ` +
      `items: ${carried.paired} paired in order, ${carried.exact} by start, ${carried.uniform} from a line with one count, ${carried.unmatched} left ` +
      `(${((100 * carried.unmatched) / total).toFixed(1)} %; see scripts/coverage/project.mjs)`,
  );
}
console.log(
  `${baseName} alone: lines ${alone.lines.pct.toFixed(1)} %, branches ${alone.branches.pct.toFixed(1)} %, ` +
    `functions ${alone.functions.pct.toFixed(1)} %, statements ${alone.statements.pct.toFixed(1)} %`,
);
timings.push(['total', (performance.now() - started) / 1000]);
console.log(`Run time: ${timings.map(([name, s]) => `${name} ${s.toFixed(0)} s`).join(', ')}`);
console.log(`Reports: ${relative(root, join(out, 'lcov-report', 'index.html'))}, coverage/lcov.info`);
if (failures.length > 0) {
  console.error(
    `\ncoverage: FAILED; the figures above are of a failing run:\n${failures.map((f) => `  - ${f}`).join('\n')}`,
  );
  process.exit(1);
}
