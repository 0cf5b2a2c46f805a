import { describe, expect } from 'vitest';
import { StateError } from 'database-config/internal';
import type { PrismaClient } from '../../prisma/generated/client.js';
import { test } from './db.js';

// Every form of test.override() the fixtures take: the isolation as a named override, together
// with other fixtures in one object (those go on to Vitest), and a fixture function refused.

/** Which of the library's connections ran the statement: the strategy, seen from the server. */
async function connectionOf(prisma: PrismaClient): Promise<string> {
  const rows = await prisma.$queryRaw<{ app: string }[]>`SELECT current_setting('application_name') AS app`;
  return rows[0]!.app;
}

describe("test.override('isolation', options)", () => {
  test.override('isolation', { postgres: 'truncate' });

  test('runs the describe under that strategy', async ({ prisma }) => {
    expect(await connectionOf(prisma)).toBe('database-config:worker');
  });
});

describe('test.override({ isolation, ...other fixtures })', () => {
  const factories = { marker: 'overridden factories' } as never;
  test.override({ isolation: { postgres: 'fresh' }, factories });

  test('takes the isolation and hands the other fixtures on to Vitest', async ({
    prisma,
    factories: given,
  }) => {
    expect(await connectionOf(prisma)).toBe('database-config:fresh');
    expect(given).toBe(factories);
  });
});

describe('the default strategy, outside the overriding describes', () => {
  test('is transaction', async ({ prisma }) => {
    expect(await connectionOf(prisma)).toBe('database-config:file-transaction');
  });
});

test('an isolation given as a fixture function is refused, saying what to pass', () => {
  expect(() => test.override({ isolation: (() => ({})) as never })).toThrow(StateError);
  expect(() => test.override('isolation', (() => ({})) as never)).toThrow(
    "test.override({ isolation }) takes the options object itself, e.g. { postgres: 'truncate' }, not a fixture function.",
  );
});
