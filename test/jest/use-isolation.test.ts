import { describe, expect, test } from '@jest/globals';
import { useDatabases, useIsolation, withIsolation } from 'database-config-testing/jest';
import { PrismaClient } from '../../prisma/generated/client.js';

// The isolation scopes Jest offers, as Vitest does: the file (useDatabases({ isolation }) or a
// top-level useIsolation()), a describe (useIsolation() inside it) and one test (withIsolation()).
// Each strategy runs the test's statements on a connection of its own name, seen from the server.
const db = useDatabases({ prismaClient: PrismaClient });
useIsolation({ postgres: 'truncate' });

async function connection(): Promise<string> {
  const prisma = await db.prisma();
  const rows = await prisma.$queryRaw<{ app: string }[]>`SELECT current_setting('application_name') AS app`;
  return rows[0]!.app;
}

test('a top-level useIsolation() holds for the file', async () => {
  expect(await connection()).toBe('database-config:worker');
});

describe('useIsolation() inside a describe', () => {
  useIsolation({ postgres: 'fresh' });

  test('holds for the tests of that describe', async () => {
    expect(await connection()).toBe('database-config:fresh');
  });

  describe('a nested describe', () => {
    useIsolation({ postgres: 'transaction' });

    test('overrides the enclosing one', async () => {
      expect(await connection()).toBe('database-config:file-transaction');
    });
  });

  test(
    'withIsolation() overrides the describe for one test',
    withIsolation({ postgres: 'transaction' }, async () => {
      expect(await connection()).toBe('database-config:file-transaction');
    }),
  );
});

test('after the describe, the file’s isolation is in force again', async () => {
  expect(await connection()).toBe('database-config:worker');
});

test('useIsolation() inside a test is refused, saying where to call it', () => {
  expect(() => useIsolation({ postgres: 'fresh' })).toThrow(
    'useIsolation() is called at the top level of a test file or of a describe callback',
  );
});

test('an unknown strategy is refused where it is declared', () => {
  let refused: unknown;
  try {
    withIsolation({ postgres: 'rollback' as never }, () => undefined);
  } catch (error) {
    refused = error;
  }
  expect((refused as Error).name).toBe('ConfigValidationError');
  expect((refused as Error).message).toContain('withIsolation().postgres');
  expect((refused as Error).message).toContain('"rollback"');
});
