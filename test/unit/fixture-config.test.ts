import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { defineDatabaseFixtures } from '../../src/setup/fixture-config.js';
import { LIBRARY_VERSION } from 'database-config/internal';

describe('defineDatabaseFixtures', () => {
  it('fills defaults: test-grade PostgreSQL, SQL migrations, 64 Redis databases', () => {
    expect(defineDatabaseFixtures({ postgres: { migrations: './prisma/migrations' }, redis: {} })).toEqual({
      postgres: { migrations: './prisma/migrations', migrate: 'sql', testGrade: true },
      redis: { databases: 64 },
    });
  });

  it('lists every problem at once, with the path of each and an example', () => {
    let error: unknown;
    try {
      defineDatabaseFixtures({
        postgres: { migrations: '', testGrade: 'yes' },
        redis: { databases: 1 },
        qdrant: { collections: [{ name: 'p', vectors: { size: -1, distance: 'Cosine' } }] },
        mysql: {},
      } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { issues, message } = error as ConfigValidationError;
    expect(issues.map((i) => i.source)).toEqual([
      'fixtures.postgres.migrations',
      'fixtures.postgres.testGrade',
      'fixtures.redis.databases',
      'fixtures.qdrant.collections.0.vectors.size',
      'fixtures',
    ]);
    expect(message).toContain('5 problems');
    expect(message).toMatch(/fixtures: Unrecognized key.* mysql/);
    expect(message).toContain("(example: './prisma/migrations')");
  });

  it('makes Qdrant test-grade by default, and refuses a testGrade that is no boolean', () => {
    expect(defineDatabaseFixtures({ qdrant: {} })).toEqual({ qdrant: { testGrade: true } });
    expect(defineDatabaseFixtures({ qdrant: { testGrade: false } }).qdrant).toEqual({ testGrade: false });
    let error: unknown;
    try {
      defineDatabaseFixtures({ qdrant: { testGrade: 'off' } } as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const { issues, message } = error as ConfigValidationError;
    expect(issues).toEqual([
      expect.objectContaining({ store: 'qdrant', source: 'fixtures.qdrant.testGrade' }),
    ]);
    expect(message).toContain('expected boolean');
    expect(message).toContain('(example: false)');
  });
});

it('LIBRARY_VERSION matches package.json (it is part of the template hash)', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  expect(LIBRARY_VERSION).toBe(pkg.version);
});
