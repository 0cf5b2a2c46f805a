import { describe, expect } from 'vitest';
import { ConfigValidationError } from '../../src/errors.js';
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
