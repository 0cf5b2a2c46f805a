import { expect, test } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';

// useDatabases() is the file's one declaration: a second one, at the top level or inside a test,
// is refused with what to do instead of scoping the file twice.
const db = useDatabases();

let second: unknown;
try {
  useDatabases();
} catch (error) {
  second = error;
}

const ONCE =
  'useDatabases() is called once per test file, at its top level (not inside a test or a hook): the preset scopes the file from its first beforeAll.';

test('a second top-level useDatabases() is refused', () => {
  expect((second as Error).name).toBe('StateError');
  expect((second as Error).message).toBe(ONCE);
});

test('useDatabases() inside a test is refused, and the first declaration keeps working', async () => {
  expect(() => useDatabases()).toThrow(ONCE);
  const redis = await db.redis();
  await redis.set('once', '1');
  expect(await redis.get('once')).toBe('1');
});
