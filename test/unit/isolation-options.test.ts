import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { checkIsolationOptions, resolveIsolation } from '../../src/fixtures/isolation-options.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

describe('isolation options: one validation wherever they enter', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('refuses an unknown strategy, naming where it came from, the value and the valid ones', () => {
    const error = (() => {
      try {
        checkIsolationOptions({ postgres: 'rollback' }, 'useDatabases({ isolation })');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigValidationError);
    const message = (error as Error).message;
    expect(message).toContain('useDatabases({ isolation }).postgres');
    expect(message).toContain('"rollback"');
    expect(message).toMatch(/transaction.*truncate.*fresh/);
  });

  it('lists every problem at once (a bad strategy, an unknown key, a non-boolean)', () => {
    const error = (() => {
      try {
        checkIsolationOptions(
          { mongodb: 'wipe', leakCheck: 'yes', strategy: 'x' },
          'test.override({ isolation })',
        );
      } catch (e) {
        return e as ConfigValidationError;
      }
    })();
    expect(error?.issues.map((i) => i.source).sort()).toEqual([
      'test.override({ isolation })',
      'test.override({ isolation }).leakCheck',
      'test.override({ isolation }).mongodb',
    ]);
    expect(error?.message).toContain('strategy');
  });

  it('the run config goes through the same schema', () => {
    expect(() => defineDatabaseFixtures({ isolation: { postgres: 'rollback' as never } })).toThrow(
      /fixtures\.isolation\.postgres/,
    );
  });

  it('resolves layers key by key, nearest last, and reads the environment strictly', () => {
    expect(
      resolveIsolation({ postgres: 'truncate', leakCheck: true }, { mongodb: 'drop' }, { postgres: 'fresh' }),
    ).toEqual({
      postgres: 'fresh',
      mongodb: 'drop',
      leakCheck: true,
      keepOnFailure: false,
    });
    vi.stubEnv('DBC_LEAK_CHECK', '1');
    vi.stubEnv('DBC_KEEP_ON_FAILURE', 'TRUE');
    expect(resolveIsolation({})).toMatchObject({ leakCheck: true, keepOnFailure: true });
    vi.stubEnv('DBC_KEEP_ON_FAILURE', 'on');
    expect(() => resolveIsolation({})).toThrow(/DBC_KEEP_ON_FAILURE: "on" is not a boolean/);
  });
});
