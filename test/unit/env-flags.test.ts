import { describe, expect, it } from 'vitest';
import { checkEnvFlags, envFlag, ENV_FLAGS } from 'database-config/internal';
import { readExternalUrls } from '../../src/containers/external-services.js';
import { readStackEnvironment } from '../../src/containers/stack-environment.js';
import { ConfigValidationError } from 'database-config/internal';
import { fakerSeedFor, fakerSeedIssue } from '../../src/factories/faker-seed.js';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';

function thrown(fn: () => unknown): ConfigValidationError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return error as ConfigValidationError;
  }
  throw new Error('expected a ConfigValidationError, nothing was thrown');
}

describe('boolean environment variables', () => {
  it('accept true/1 and false/0 in any case, trimmed; unset or empty is undefined', () => {
    for (const raw of ['true', 'TRUE', ' True ', '1'])
      expect(envFlag('DBC_REUSE', { DBC_REUSE: raw })).toBe(true);
    for (const raw of ['false', 'False', '0', ' 0 '])
      expect(envFlag('DBC_REUSE', { DBC_REUSE: raw })).toBe(false);
    expect(envFlag('DBC_REUSE', {})).toBeUndefined();
    expect(envFlag('DBC_REUSE', { DBC_REUSE: '  ' })).toBeUndefined();
  });

  it('anything else is a ConfigValidationError naming the variable and the accepted values', () => {
    for (const [name, raw] of [
      ['DBC_LEAK_CHECK', 'yes'],
      ['DBC_KEEP_ON_FAILURE', 'on'],
      ['DBC_REUSE', '2'],
    ] as const) {
      const error = thrown(() => envFlag(name, { [name]: raw }));
      expect(error.issues).toEqual([expect.objectContaining({ store: 'options', source: name })]);
      expect(error.message).toContain(
        `${name}: "${raw}" is not a boolean; use true or false (1 and 0 work too)`,
      );
      expect(error.message).toContain(`(example: ${name}=true)`);
    }
  });

  it('checkEnvFlags reports every bad variable at once', () => {
    const error = thrown(() =>
      checkEnvFlags(ENV_FLAGS, {
        DBC_LEAK_CHECK: 'yes',
        DBC_REUSE: '1',
        DBC_KEEP_ON_FAILURE: 'on',
        DBC_QUIET: 'nope',
      }),
    );
    expect(error.issues.map((i) => i.source)).toEqual(['DBC_LEAK_CHECK', 'DBC_KEEP_ON_FAILURE', 'DBC_QUIET']);
    expect(error.message).toContain('3 problems');
  });
});

describe('DBC_FAKER_SEED', () => {
  it('a non-negative integer is the seed of every test', () => {
    expect(fakerSeedIssue({ DBC_FAKER_SEED: '0' })).toBeUndefined();
    expect(fakerSeedFor('a test', { DBC_FAKER_SEED: ' 42 ' })).toMatchObject({ seed: 42, source: 'env' });
  });

  it('anything else names the variable and says what a seed is', () => {
    for (const raw of ['abc', '-1', '1.5', '1e3', '99999999999999999999']) {
      const issue = fakerSeedIssue({ DBC_FAKER_SEED: raw });
      expect(issue).toMatchObject({ source: 'DBC_FAKER_SEED' });
      expect(issue!.problem).toBe(
        `${JSON.stringify(raw)} is not a seed: a seed is a non-negative integer (0 to ${Number.MAX_SAFE_INTEGER})`,
      );
    }
    expect(() => fakerSeedFor('a test', { DBC_FAKER_SEED: 'abc' })).toThrow(ConfigValidationError);
  });
});

describe('external URLs', () => {
  const all = defineDatabaseFixtures({ postgres: {}, mongodb: {}, redis: {}, qdrant: {} });

  it('accept each store’s schemes, from the fixture config first, else DBC_<STORE>_URL', () => {
    const { targets, issues } = readExternalUrls(
      defineDatabaseFixtures({
        postgres: { url: 'postgres://u:p@localhost:5432/db' },
        mongodb: {},
        redis: {},
        qdrant: {},
      }),
      {
        DBC_POSTGRES_URL: 'postgresql://ignored@localhost/x',
        DBC_MONGODB_URL: 'mongodb+srv://cluster.local/db',
        DBC_REDIS_URL: ' rediss://localhost:6380/1 ',
        DBC_QDRANT_URL: 'https://localhost:6333',
      },
    );
    expect(issues).toEqual([]);
    expect(targets).toEqual({
      postgres: { url: 'postgres://u:p@localhost:5432/db', source: 'fixtures.postgres.url' },
      mongodb: { url: 'mongodb+srv://cluster.local/db', source: 'DBC_MONGODB_URL' },
      redis: { url: 'rediss://localhost:6380/1', source: 'DBC_REDIS_URL' },
      qdrant: { url: 'https://localhost:6333', source: 'DBC_QDRANT_URL' },
    });
  });

  it('a URL of another scheme or no URL at all names its variable, the value masked, and the schemes', () => {
    const { targets, issues } = readExternalUrls(all, {
      DBC_POSTGRES_URL: 'mysql://app:s3cret@localhost:3306/app',
      DBC_MONGODB_URL: 'postgres://localhost:5432',
      DBC_REDIS_URL: 'not a url',
      DBC_QDRANT_URL: 'grpc://localhost:6334',
    });
    expect(targets).toEqual({});
    expect(issues).toEqual([
      {
        store: 'postgres',
        source: 'DBC_POSTGRES_URL',
        problem:
          '"mysql://app:****@localhost:3306/app" has the scheme mysql://, not a PostgreSQL one (postgres:// or postgresql://)',
        example: 'postgresql://user:password@localhost:5432/postgres',
      },
      {
        store: 'mongodb',
        source: 'DBC_MONGODB_URL',
        problem:
          '"postgres://localhost:5432" has the scheme postgres://, not a MongoDB one (mongodb:// or mongodb+srv://)',
        example: 'mongodb://user:password@localhost:27017/?directConnection=true',
      },
      {
        store: 'redis',
        source: 'DBC_REDIS_URL',
        problem: '"not a url" is not a URL',
        example: 'redis://:password@localhost:6379/0',
      },
      {
        store: 'qdrant',
        source: 'DBC_QDRANT_URL',
        problem: '"grpc://localhost:6334" has the scheme grpc://, not a Qdrant one (http:// or https://)',
        example: 'http://localhost:6333',
      },
    ]);
  });

  it('an unparseable URL with a password does not show it', () => {
    const { issues } = readExternalUrls(all, { DBC_REDIS_URL: 'redis://:p@ss word@host:xx' });
    expect(issues[0]!.problem).not.toContain('ss word');
    expect(issues[0]!.problem).toContain('****');
  });

  it('the stack reads flags, seed and URLs together: one error lists every problem', () => {
    const error = thrown(() =>
      readStackEnvironment(all, {
        DBC_REUSE: 'yes',
        DBC_FAKER_SEED: 'abc',
        DBC_REDIS_URL: 'not a url',
        DBC_POSTGRES_URL: 'postgresql://localhost:5432/app',
      }),
    );
    expect(error.issues.map((i) => i.source)).toEqual(['DBC_REUSE', 'DBC_FAKER_SEED', 'DBC_REDIS_URL']);
    expect(
      readStackEnvironment(all, { DBC_REUSE: '1', DBC_POSTGRES_URL: 'postgresql://localhost/app' }),
    ).toEqual({
      postgres: { url: 'postgresql://localhost/app', source: 'DBC_POSTGRES_URL' },
    });
  });
});
