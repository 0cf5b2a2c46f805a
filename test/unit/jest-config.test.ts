// The Jest config helpers on their own: the config and stack handed through the environment, the
// runner files found next to the module, and withDatabaseFixtures() keeping the user's config.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { StateError } from 'database-config/internal';
import {
  CONFIG_ENV,
  readJestFixturesConfig,
  readJestStack,
  runnerFile,
  STACK_ENV,
  withDatabaseFixtures,
  type JestConfigLike,
} from '../../src/setup/jest-config.js';

const saved = { config: process.env[CONFIG_ENV], stack: process.env[STACK_ENV] };

afterEach(() => {
  for (const [name, value] of [
    [CONFIG_ENV, saved.config],
    [STACK_ENV, saved.stack],
  ] as const) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('jest-config', () => {
  it('without the globalSetup, reading the config or the stack says which setup is missing', () => {
    delete process.env[CONFIG_ENV];
    delete process.env[STACK_ENV];
    expect(() => readJestFixturesConfig()).toThrow(StateError);
    expect(() => readJestFixturesConfig()).toThrow(
      /^DBC_FIXTURES_CONFIG is not set: the database-config globalSetup did not run\. Use preset: 'database-config-testing' and add database-fixtures\.config\.mjs next to your Jest config/,
    );
    expect(() => readJestStack()).toThrow(
      /^DBC_STACK is not set: the database-config globalSetup did not run\. Use preset: 'database-config-testing' and /,
    );
    process.env[STACK_ENV] = JSON.stringify({ runId: 'r1' });
    expect(readJestStack()).toEqual({ runId: 'r1' });
  });

  it('finds runner files next to the module, and names a missing one', () => {
    expect(runnerFile('jest-setup-file')).toBe(join(process.cwd(), 'src/setup/jest-setup-file.ts'));
    expect(() => runnerFile('no-such-runner')).toThrow(
      'database-config: no-such-runner is missing next to the Jest preset; reinstall database-config-testing.',
    );
  });

  it("adds the runner files after the user's setup files, keeps the rest, and hands the config on", () => {
    const config = withDatabaseFixtures(
      { testEnvironment: 'jsdom', setupFilesAfterEnv: ['./mine.ts'], maxWorkers: 3 },
      { redis: {} },
    );
    expect(config).toEqual({
      testEnvironment: 'jsdom',
      maxWorkers: 3,
      globalSetup: join(process.cwd(), 'src/setup/jest-global-setup.ts'),
      globalTeardown: join(process.cwd(), 'src/setup/jest-global-teardown.ts'),
      setupFilesAfterEnv: ['./mine.ts', join(process.cwd(), 'src/setup/jest-setup-file.ts')],
    });
    const handed = readJestFixturesConfig();
    expect(handed.redis).toBeDefined();
    expect(handed.root).toBe(process.cwd());
    expect(
      withDatabaseFixtures({} as JestConfigLike, { root: '/srv/app', redis: {} }).setupFilesAfterEnv,
    ).toHaveLength(1);
    expect(readJestFixturesConfig().root).toBe('/srv/app');
  });

  it('refuses a config that has its own globalSetup or globalTeardown', () => {
    for (const own of [{ globalSetup: './setup.js' }, { globalTeardown: './teardown.js' }]) {
      expect(() => withDatabaseFixtures(own, { redis: {} })).toThrow(
        'withDatabaseFixtures() sets globalSetup and globalTeardown; call your own from a setup file, or start the stack with startDatabaseStack() in yours.',
      );
    }
  });
});
