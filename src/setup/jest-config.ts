import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  defineDatabaseFixtures,
  type DatabaseFixturesConfig,
  type ResolvedFixturesConfig,
} from './fixture-config.js';
import { SetupError } from 'database-config/internal';
import { readJestFixturesConfig as readConfigEnv } from '../fixtures/jest/jest-env.js';
import { CONFIG_ENV } from '../fixtures/jest/jest-variables.js';

export { CONFIG_ENV, STACK_ENV } from '../fixtures/jest/jest-variables.js';
export { readJestStack } from '../fixtures/jest/jest-env.js';

/** The fixture config of the run, as globalSetup handed it to the workers. */
export function readJestFixturesConfig(): ResolvedFixturesConfig {
  return readConfigEnv<ResolvedFixturesConfig>();
}

/**
 * A runner file next to this module: the CommonJS build in the package (Jest loads it in CJS and
 * in ESM mode alike; the state it shares with the test's own import of `database-config-testing/jest` lives
 * on the test's global, not in module scope), `.ts` in this repository.
 */
export function runnerFile(name: string): string {
  for (const ext of ['cjs', 'js', 'ts']) {
    const path = fileURLToPath(new URL(`./${name}.${ext}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new SetupError({ reason: 'runner-file-missing', file: name, nextTo: 'the Jest preset' });
}

/** The subset of a Jest config this function touches. */
export interface JestConfigLike {
  globalSetup?: string;
  globalTeardown?: string;
  setupFilesAfterEnv?: string[];
  [key: string]: unknown;
}

/**
 * Adds the database fixtures to a Jest config: a globalSetup that starts the stores (validated
 * config: every problem listed at once, before anything starts), a globalTeardown, and a setup
 * file that scopes every test. The user's `testEnvironment` (jsdom included) is left alone; an
 * existing globalSetup/globalTeardown is kept and run too.
 *
 * @example
 * // jest.config.mjs
 * export default withDatabaseFixtures({ testEnvironment: 'node' }, { postgres: { migrations: './prisma/migrations' }, redis: {} });
 */
export function withDatabaseFixtures<C extends JestConfigLike>(
  config: C,
  fixtures: DatabaseFixturesConfig,
): C {
  const resolved = defineDatabaseFixtures(fixtures);
  process.env[CONFIG_ENV] = JSON.stringify({ ...resolved, root: resolved.root ?? process.cwd() });
  if (config.globalSetup || config.globalTeardown) {
    throw new SetupError({ reason: 'jest-global-setup-taken' });
  }
  return {
    ...config,
    globalSetup: runnerFile('jest-global-setup'),
    globalTeardown: runnerFile('jest-global-teardown'),
    setupFilesAfterEnv: [...(config.setupFilesAfterEnv ?? []), runnerFile('jest-setup-file')],
  };
}
