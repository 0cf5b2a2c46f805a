// The two packages as a user gets them: packed (npm pack), installed into fresh projects from the
// tarballs (npm install), then used there: the production package alone, a Nest service
// (database-config/nestjs under node10), the Vitest plugin from a CommonJS and an ESM
// vitest.config.ts, the Jest preset with ts-jest and with @swc/jest, tsc under node10, node16 and
// bundler, the CLI. Runs against the built packages (`npm run build` first).
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dependencyClosure,
  installedPackages,
  installProject,
  loadTable,
  loadTime,
  projectFrom,
  ROOT,
  run,
  treeBytes,
  userEnv,
  type LoadTime,
} from './kit.js';

/** What a production service must not carry: the test infrastructure and the runners. */
const TEST_ONLY = [
  'testcontainers',
  'dockerode',
  'ssh2',
  'migrate-mongo',
  'mongodb',
  'fishery',
  '@faker-js/faker',
  'pg',
  'vitest',
  'jest',
];
const PRODUCTION = join(ROOT, 'packages/database-config');
const PRODUCTION_ENTRIES = [
  'database-config',
  'database-config/internal',
  'database-config/internal/overrides',
];
const TESTING_ENTRIES = [
  'database-config-testing',
  'database-config-testing/vitest/config',
  'database-config-testing/vitest',
  'database-config-testing/jest',
  'database-config-testing/jest-preset',
  'database-config-testing/factories',
  'database-config-testing/containers',
];

const keep = process.env.DBC_PACKAGING_KEEP === 'true';
let work: string;
let production: string;
let full: string;
let nest: string;

/** The versions this repository is tested with, for what the projects install beside the packages. */
async function versions(): Promise<(name: string) => string> {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };
  const all = { ...manifest.dependencies, ...manifest.devDependencies };
  return (name) => {
    const range = all[name];
    if (!range) throw new Error(`${name} is not a dependency of ${ROOT}/package.json: give its version here`);
    return `${name}@${range}`;
  };
}

/**
 * `npm pack` of the package in `dir` into `destination`; the tarball's path. Of the build as it is
 * (`--ignore-scripts`: the root's `prepare` would rebuild the production package).
 */
async function pack(dir: string, destination: string): Promise<string> {
  const args = ['pack', '--json', '--ignore-scripts', '--pack-destination', destination];
  const result = await run('npm', args, { cwd: dir });
  if (result.code !== 0) throw new Error(`npm pack in ${dir} exited ${result.code}:\n${result.output}`);
  const [packed] = JSON.parse(result.stdout) as { filename: string }[];
  return join(destination, packed!.filename);
}

function expectSuccess(result: { code: number | null; output: string }, what: string) {
  expect(result.code, `${what} exited ${result.code}:\n${result.output}`).toBe(0);
}

beforeAll(async () => {
  for (const dist of ['dist/vitest-config.cjs', 'packages/database-config/dist/index.cjs']) {
    if (!existsSync(join(ROOT, dist)))
      throw new Error(
        `${dist} is missing: run \`npm run build\` before the packaging suite (npm test does).`,
      );
  }
  work = await mkdtemp(join(tmpdir(), 'dbc-packaging-'));
  const tarballs = join(work, 'tarballs');
  await mkdir(tarballs);
  const [productionTarball, testingTarball] = [await pack(PRODUCTION, tarballs), await pack(ROOT, tarballs)];
  const version = await versions();
  production = join(work, 'production');
  full = join(work, 'full');
  nest = join(work, 'nest');
  // One project with the production package alone; one with both packages, the peers, both runners
  // and their TypeScript transforms, whose tree the other projects share. In parallel: npm's cache is
  // shared and safe for concurrent installs.
  const installs = await Promise.all([
    installProject(production, { name: 'a-production-service' }, [productionTarball]),
    // A Nest service: the production package and the Nest peers its `nestjs` entry needs, no more.
    installProject(nest, { name: 'a-nest-service' }, [
      productionTarball,
      version('@nestjs/common'),
      version('@nestjs/core'),
      version('reflect-metadata'),
      version('rxjs'),
      version('ioredis'),
      version('typescript'),
      version('@types/node'),
    ]),
    installProject(full, { name: 'a-tested-project' }, [
      productionTarball,
      testingTarball,
      version('pg'),
      version('ioredis'),
      version('vitest'),
      version('jest'),
      version('@jest/globals'),
      'ts-jest@^29.4.15',
      version('@swc/core'),
      version('@swc/jest'),
      version('typescript'),
      version('@types/node'),
      version('@types/pg'),
    ]),
  ]);
  console.log(
    `installs: production ${installs[0].ms} ms, nest ${installs[1].ms} ms, full ${installs[2].ms} ms (in ${work})`,
  );
}, 600_000);

afterAll(async () => {
  if (work && !keep) await rm(work, { recursive: true, force: true });
  else if (work) console.log(`kept ${work} (DBC_PACKAGING_KEEP=true)`);
});

describe('the production package, installed alone', () => {
  it('carries none of the test infrastructure', async () => {
    const installed = await installedPackages(production);
    const bytes = await treeBytes(join(production, 'node_modules'));
    console.log(
      `database-config installed alone: ${installed.length} packages, ${(bytes / 1e6).toFixed(1)} MB of files ` +
        `(${[...new Set(installed)].sort().join(', ')})`,
    );
    expect(installed).toEqual(expect.arrayContaining(['database-config', 'zod', 'cockatiel', 'debug']));
    expect(installed.filter((name) => TEST_ONLY.includes(name))).toEqual([]);
  });

  it('loads from CommonJS and ESM with no peer installed', async () => {
    const times: LoadTime[] = [];
    for (const specifier of PRODUCTION_ENTRIES)
      for (const format of ['cjs', 'esm'] as const) times.push(await loadTime(production, specifier, format));
    console.log(loadTable('database-config', times));
    expect(times.filter((time) => typeof time.result !== 'number')).toEqual([]);
  });
});

describe('the production package in a Nest service (CommonJS, node10, decorators)', () => {
  it('loads database-config/nestjs from CommonJS and ESM, with no test infrastructure installed', async () => {
    const times: LoadTime[] = [];
    for (const format of ['cjs', 'esm'] as const)
      times.push(await loadTime(nest, 'database-config/nestjs', format));
    console.log(loadTable('database-config/nestjs', times));
    expect(times.filter((time) => typeof time.result !== 'number')).toEqual([]);
    const installed = await installedPackages(nest);
    expect(installed.filter((name) => TEST_ONLY.includes(name))).toEqual([]);
  });

  it('type-checks and compiles a module with the decorators under node10, and its bootstrap reports a missing REDIS_URL', async () => {
    const dir = await projectFrom(nest, join(work, 'nest-app'), { name: 'nest-app' }, ['nest']);
    const compiled = await run('npx', ['--no', '--', 'tsc', '-p', 'tsconfig.json'], { cwd: dir });
    expectSuccess(compiled, `tsc -p tsconfig.json in ${dir}`);
    const env = userEnv();
    delete env.REDIS_URL;
    const booted = await run(process.execPath, ['boot.cjs'], { cwd: dir, env, timeoutMs: 60_000 });
    expect(booted.code, booted.output).toBe(3);
    expect(booted.stdout).toMatch(/^ConfigValidationError: [\s\S]*redis REDIS_URL: is missing/);
  });
});

describe('the testing package in a project with both runners', () => {
  it('installs both packages (the testing one depends on the tarball of the production one)', async () => {
    const installed = await installedPackages(full);
    const bytes = await treeBytes(join(full, 'node_modules'));
    const testing = await dependencyClosure(full, 'database-config-testing');
    console.log(
      `database-config-testing with its dependencies (no peer, no runner): ${testing.names.length} packages, ` +
        `${(testing.bytes / 1e6).toFixed(1)} MB of files\n` +
        `the whole project (both packages, peers pg and ioredis, vitest, jest, ts-jest, @swc/jest, typescript): ` +
        `${installed.length} packages, ${(bytes / 1e6).toFixed(1)} MB of files`,
    );
    expect(testing.names).toEqual(expect.arrayContaining(['database-config', 'testcontainers', 'fishery']));
    expect(testing.names).not.toContain('vitest');
    // One copy of the production package: the testing package's `database-config` is the tarball's.
    expect(installed.filter((name) => name === 'database-config')).toHaveLength(1);
    const nested = JSON.parse(
      await readFile(join(full, 'node_modules/database-config/package.json'), 'utf8'),
    ) as { version: string };
    expect(nested.version).toBe(
      (JSON.parse(await readFile(join(PRODUCTION, 'package.json'), 'utf8')) as { version: string }).version,
    );
  });

  it('loads every entry point from CommonJS and ESM', async () => {
    const times: LoadTime[] = [];
    for (const specifier of TESTING_ENTRIES)
      for (const format of ['cjs', 'esm'] as const) times.push(await loadTime(full, specifier, format));
    console.log(loadTable('database-config-testing', times));
    // `/vitest` imports Vitest's runtime, which only loads inside a Vitest run (as `vitest` itself).
    const failed = times.filter(
      (time) => typeof time.result !== 'number' && time.specifier !== 'database-config-testing/vitest',
    );
    expect(failed).toEqual([]);
  });

  for (const format of ['cjs', 'esm'] as const) {
    it(`a ${format === 'cjs' ? 'CommonJS (no "type")' : 'ESM ("type": "module")'} project loads the plugin from vitest.config.ts and runs a database test`, async () => {
      const dir = await projectFrom(
        full,
        join(work, `vitest-${format}`),
        { name: `vitest-${format}`, ...(format === 'esm' ? { type: 'module' } : {}) },
        ['common', 'vitest'],
      );
      const result = await run('npx', ['--no', '--', 'vitest', 'run'], {
        cwd: dir,
        env: userEnv({ EXPECTED_CONFIG_FORMAT: format }),
      });
      expectSuccess(result, `npx vitest run in ${dir}`);
      expect(result.output).toMatch(/Tests\s+3 passed \(3\)/);
    });
  }

  for (const transform of ['ts-jest', 'swc'] as const) {
    it(`a CommonJS Jest project with ${transform === 'swc' ? '@swc/jest' : 'ts-jest'} runs a database test with the preset, importing every entry point`, async () => {
      const dir = await projectFrom(full, join(work, `jest-${transform}`), { name: `jest-${transform}` }, [
        'common',
        'jest',
        `jest-${transform}`,
      ]);
      const result = await run('npx', ['--no', '--', 'jest'], { cwd: dir });
      expectSuccess(result, `npx jest in ${dir}`);
      expect(result.output).toMatch(/Tests:\s+2 passed, 2 total/);
    });
  }

  it('tsc type-checks every subpath of both packages under node10, node16 (.cts and .mts) and bundler', async () => {
    const dir = await projectFrom(full, join(work, 'types'), { name: 'types' }, ['types']);
    for (const resolution of ['node10', 'node16', 'bundler']) {
      const result = await run('npx', ['--no', '--', 'tsc', '-p', `tsconfig.${resolution}.json`], {
        cwd: dir,
      });
      expectSuccess(result, `tsc -p tsconfig.${resolution}.json in ${dir}`);
    }
  });

  it('the checks above can fail: tsc reports a subpath that does not resolve and a value typed any', async () => {
    const dir = join(work, 'types');
    const result = await run(
      'npx',
      [
        '--no',
        '--',
        'tsc',
        '--noEmit',
        '--strict',
        '--skipLibCheck',
        '--module',
        'commonjs',
        '--moduleResolution',
        'node10',
        '--types',
        'node',
        'control.ts',
      ],
      { cwd: dir },
    );
    expect(result.code, result.output).toBe(2);
    expect(result.output).toMatch(
      /control\.ts\(\d+,\d+\): error TS2307: Cannot find module 'database-config-testing\/no-such-entry'/,
    );
    expect(result.output).toMatch(
      /control\.ts\(\d+,\d+\): error TS2578: Unused '@ts-expect-error' directive/,
    );
  });

  it('the CLI runs with npx: --help and status', async () => {
    const help = await run('npx', ['--no', '--', 'database-config', '--help'], { cwd: full });
    expectSuccess(help, 'npx database-config --help');
    expect(help.output).toMatch(/generate[\s\S]*status[\s\S]*clean/);
    const status = await run('npx', ['--no', '--', 'database-config', 'status'], { cwd: full });
    expectSuccess(status, 'npx database-config status');
  });
});
