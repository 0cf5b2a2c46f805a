// The Jest preset's fixture config file: database-fixtures.config.* in the project's rootDir.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { StateError } from 'database-config/internal';
import {
  defineDatabaseFixtures,
  type DatabaseFixturesConfig,
  type ResolvedFixturesConfig,
} from './fixture-config.js';
import { CONFIG_ENV, HOW_TO_CONFIGURE, readJestFixturesConfig } from './jest-config.js';

/** Files the preset reads the fixture config from, in the project's rootDir, first found wins. */
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
export async function loadJestFixturesConfig(rootDir: string): Promise<ResolvedFixturesConfig> {
  if (process.env[CONFIG_ENV]) return readJestFixturesConfig();
  const file = FIXTURES_CONFIG_FILES.map((name) => join(rootDir, name)).find((path) => existsSync(path));
  if (!file)
    throw new StateError(`database-config: no fixture config for Jest in ${rootDir}: ${HOW_TO_CONFIGURE}`);
  const loaded = (await importFile(
    pathToFileURL(file).href,
    file.endsWith('.json') ? { with: { type: 'json' } } : undefined,
  )) as { default?: DatabaseFixturesConfig };
  if (!loaded.default || typeof loaded.default !== 'object')
    throw new StateError(
      `database-config: ${file} has no default export; export default defineDatabaseFixtures({ ... }).`,
    );
  const resolved = defineDatabaseFixtures(loaded.default);
  process.env[CONFIG_ENV] = JSON.stringify({ ...resolved, root: resolved.root ?? rootDir });
  return readJestFixturesConfig();
}
