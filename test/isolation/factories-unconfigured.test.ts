import { describe, expect, inject } from 'vitest';
import { users } from '../../examples/catalog/factories/index.js';
import { currentScope, setCurrentScope } from '../../src/fixtures/current-scope.js';
import { WorkerDatabases } from '../../src/fixtures/worker-databases.js';
import { StoreNotConfiguredError, qdrantFactory } from '../../src/public/factories.js';
import { databaseTest } from '../../src/public/vitest.js';

// No Prisma client class: the fixtures' StoreNotConfiguredError reaches the factory's caller.
const test = databaseTest();

describe('factories for stores the fixtures do not have', () => {
  test('a Prisma factory without databaseTest({ prismaClient }) names postgres and the option', async ({
    db: _db,
  }) => {
    const error = await users.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreNotConfiguredError);
    expect(error).toMatchObject({ store: 'postgres' });
    expect((error as Error).message).toMatch(/prismaClient: PrismaClient/);
  });

  // A second WorkerDatabases of a test, for a stack without Qdrant (it leaves the production overrides alone).
  test('a store missing from the fixture config names the store and the config key', async ({ db: _db }) => {
    const worker = new WorkerDatabases({ ...inject('databaseStack'), qdrant: undefined }, 43);
    const scope = currentScope();
    setCurrentScope({ ...scope, qdrant: async () => (await worker.qdrant()).client });
    try {
      const points = qdrantFactory('products', ({ sequence }) => ({
        id: sequence,
        vector: new Array(8).fill(1),
      }));
      const error = await points.create().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StoreNotConfiguredError);
      expect(error).toMatchObject({ store: 'qdrant' });
      expect((error as Error).message).toMatch(/add `qdrant: \{\}` to databaseFixtures/);
    } finally {
      setCurrentScope(scope);
      await worker.close();
    }
  });
});
