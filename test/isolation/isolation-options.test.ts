import { describe, expect } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { test } from './db.js';

describe('test.override({ isolation }) is validated where it is declared', () => {
  test('an unknown strategy is refused instead of silently running under another', () => {
    expect(() => test.override({ isolation: { postgres: 'rollback' as never } })).toThrow(
      ConfigValidationError,
    );
    expect(() => test.override({ isolation: { postgres: 'rollback' as never } })).toThrow(
      /test\.override\(\{ isolation \}\)\.postgres: .*"rollback"/,
    );
  });

  test('a misspelled option is refused too', () => {
    expect(() => test.override({ isolation: { leakCheck: 'yes' as never } })).toThrow(/leakCheck/);
  });
});

describe('databaseTest({ prismaClient }) is checked where it is declared', () => {
  test('an object instead of the generated class is refused, saying what was given', async () => {
    const { databaseTest } = await import('../../src/public/vitest.js');
    expect(() => databaseTest({ prismaClient: {} as never })).toThrow(
      /databaseTest\(\{ prismaClient \}\).*must be your generated Prisma client class, but an object \(Object\) was given/,
    );
  });
});
