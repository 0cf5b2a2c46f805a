// The Jest preset's fixture config file: database-fixtures.config.* in the project's rootDir or a
// folder above it, up to the package's own.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SetupError } from 'database-config/internal';
import {
  defineDatabaseFixtures,
  type DatabaseFixturesConfig,
  type ResolvedFixturesConfig,
} from './fixture-config.js';
import { CONFIG_ENV, readJestFixturesConfig } from './jest-config.js';

/** Files the preset reads the fixture config from, first found wins (see {@link findFixturesConfigFile}). */
export const FIXTURES_CONFIG_FILES = [
  'database-fixtures.config.ts',
  'database-fixtures.config.mts',
  'database-fixtures.config.mjs',
  'database-fixtures.config.js',
  'database-fixtures.config.cjs',
  'database-fixtures.config.json',
];

/**
 * Node's own `import()`. Hand-written because the CommonJS build (tsup's CJS splitting) rewrites
 * `import()` into `require()`, which would send the user's config through Jest's transform hooks
 * (active during globalSetup) and cannot load one with top-level await; Node's loader takes .mjs,
 * .ts (type stripping) and JSON alike. Code evaluated in a VM context (a test runner's module
 * runner) has no loader for it, so there the plain `import()` of the build runs instead.
 */
const nodeImport = new Function('specifier', 'options', 'return import(specifier, options)') as (
  specifier: string,
  options?: { with: { type: string } },
) => Promise<unknown>;

async function importFile(url: string, options?: { with: { type: string } }): Promise<unknown> {
  try {
    return await nodeImport(url, options);
  } catch (error) {
    if ((error as { code?: string }).code !== 'ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING') throw error;
    return import(url, options);
  }
}

/**
 * The fixture config for globalSetup: the one withDatabaseFixtures() put in the environment, or
 * else the project's `database-fixtures.config.*` (default export, plain object or
 * defineDatabaseFixtures() result; `.ts` through Node's type stripping). Validated here, so every
 * problem is listed before anything starts; the result goes to the workers through the environment.
 */
/**
 * The fixture config file for a Jest project: in `rootDir`, else in the nearest folder above it,
 * up to the first one holding a package.json (Nest's `test/jest-e2e.json` has rootDir `test/`, its
 * unit config `src/`: one file at the project root serves both).
 */
export function findFixturesConfigFile(rootDir: string): string | undefined {
  for (let dir = rootDir; ; dir = dirname(dir)) {
    const file = FIXTURES_CONFIG_FILES.map((name) => join(dir, name)).find((path) => existsSync(path));
    if (file) return file;
    if (existsSync(join(dir, 'package.json')) || dirname(dir) === dir) return undefined;
  }
}

/**
 * The fixture config for globalSetup: the one withDatabaseFixtures() put in the environment, or
 * else the project's `database-fixtures.config.*` (default export, plain object or
 * defineDatabaseFixtures() result; `.ts` through Node's type stripping), whose relative paths
 * (migrations) resolve against its own folder unless it sets `root`. Validated here, so every
 * problem is listed before anything starts; the result goes to the workers through the environment.
 */
export async function loadJestFixturesConfig(rootDir: string): Promise<ResolvedFixturesConfig> {
  if (process.env[CONFIG_ENV]) return readJestFixturesConfig();
  const file = findFixturesConfigFile(rootDir);
  if (!file) throw new SetupError({ reason: 'jest-config-file-missing', rootDir });
  const loaded = (await importFile(
    pathToFileURL(file).href,
    file.endsWith('.json') ? { with: { type: 'json' } } : undefined,
  )) as { default?: DatabaseFixturesConfig };
  if (!loaded.default || typeof loaded.default !== 'object')
    throw new SetupError({ reason: 'config-file-without-default', file });
  const resolved = defineDatabaseFixtures(loaded.default);
  process.env[CONFIG_ENV] = JSON.stringify({
    ...resolved,
    root: resolve(dirname(file), resolved.root ?? '.'),
  });
  return readJestFixturesConfig();
}
