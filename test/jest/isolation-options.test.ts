import { expect, test } from '@jest/globals';
import { useDatabases } from 'database-config-testing/jest';

// An unknown strategy is refused where it is declared, with the same validation as the run config.
let refused: unknown;
try {
  useDatabases({ isolation: { postgres: 'rollback' as never } });
} catch (error) {
  refused = error;
}

test('useDatabases({ isolation }) refuses an unknown strategy, naming the option and the value', () => {
  expect((refused as Error).name).toBe('ConfigValidationError');
  expect((refused as Error).message).toContain('useDatabases({ isolation }).postgres');
  expect((refused as Error).message).toContain('"rollback"');
});

// The file still works after the refused call: the valid call is the file's one useDatabases().
const db = useDatabases({ isolation: { postgres: 'truncate' } });

test('the valid declaration that follows is in force', async () => {
  expect(db.names.postgres).toMatch(/^dbc_w\d+_/);
  const url = await db.postgresUrl();
  expect(url).toContain(db.names.postgres);
});
