import { describe, expect, inject, vi } from 'vitest';
import type { PrismaClient } from '../../prisma/generated/client.js';
import { catalogData, reviews, users } from '../../examples/catalog/factories/index.js';
import { currentScope, setCurrentScope } from '../../src/fixtures/current-scope.js';
import {
  FactoryCycleError,
  FactoryDefinitionError,
  FactoryUniqueCollisionError,
  QdrantVectorSizeError,
  StateError,
  StoreNotConfiguredError,
  definePrismaFactories,
  mongooseFactory,
  persistWith,
  qdrantFactory,
  redisFactory,
  registerQdrantCollections,
  type ParentFactory,
} from '../../src/public/factories.js';
import { test } from './db.js';

const { prismaFactory } = definePrismaFactories<PrismaClient>();
// A cycle: each side declares the other as a parent (the thunk's return type breaks the type cycle).
const buyers = prismaFactory(
  'user',
  ({ sequence }) => ({ email: `buyer${sequence}@example.com`, name: 'B' }),
  {
    transientParents: { lastOrder: (): ParentFactory<unknown> => buyerOrders },
  },
);
const buyerOrders = prismaFactory('order', () => ({ userId: 0, totalCents: 0 }), {
  parents: { userId: () => buyers },
});
const tinyPoints = qdrantFactory('products', ({ sequence }) => ({ id: sequence, vector: [1, 0, 0] }), {
  size: 8,
});

describe('bad input', () => {
  test('create() outside a test is a StateError saying where create() can run', async ({ db: _db }) => {
    const scope = currentScope();
    setCurrentScope(undefined);
    try {
      const error = await users.create().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(StateError);
      expect((error as Error).message).toMatch(/create\(\) of the "user" factory ran outside a test/);
      expect((error as Error).message).toMatch(/use build\(\).*persistWith\(clients, fn\)/s);
      expect(users.build().email).toBe('user1@example.com');
    } finally {
      setCurrentScope(scope);
    }
  });

  test('persistWith() clients without the store’s client: StoreNotConfiguredError naming it', async ({
    redis,
  }) => {
    const points = qdrantFactory('products', ({ sequence }) => ({
      id: sequence,
      vector: new Array(8).fill(1),
    }));
    const error = await persistWith({ redis }, () => points.create()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreNotConfiguredError);
    expect(error).toMatchObject({ store: 'qdrant' });
    expect((error as Error).message).toMatch(/without a qdrant client: add `qdrant` to the clients/);
  });

  test('an association cycle is refused with the chain, before anything is saved', async ({ prisma }) => {
    const error = await buyers.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryCycleError);
    expect((error as FactoryCycleError).chain).toEqual(['user', 'order', 'user']);
    expect((error as Error).message).toMatch(/^Association cycle between factories: user -> order -> user\./);
    expect(await prisma.user.count()).toBe(0);
  });

  test('a Qdrant vector of the wrong size is refused before the request', async ({ qdrant, db }) => {
    const upsert = vi.spyOn(qdrant, 'upsert');
    try {
      const error = await tinyPoints.create().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QdrantVectorSizeError);
      expect((error as Error).message).toMatch(/collection "products" has 3 dimensions, but .* says 8/);
      // Without a size option, the size registered from the stack's collection schemas.
      registerQdrantCollections(inject('databaseStack').qdrant!.collections);
      const unsized = qdrantFactory('reviews', () => ({ id: 1, vector: [1, 2] }));
      await expect(unsized.create()).rejects.toThrow(/collection "reviews" has 2 dimensions, but .* says 8/);
      expect(upsert).not.toHaveBeenCalled();
      expect((await qdrant.count(`${db.names.qdrant}products`)).count).toBe(0);
    } finally {
      upsert.mockRestore();
    }
  });

  test('a MongoDB duplicate key names the factory and the fields', async ({ mongo }) => {
    await reviews.create({ userId: 1, productId: 1 });
    const error = await reviews.create({ userId: 1, productId: 1 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryUniqueCollisionError);
    expect(error).toMatchObject({ store: 'mongodb', factory: 'review' });
    // MongoDB names the fields (keyPattern); FerretDB, the offline stand-in, does not.
    expect((error as Error).message).toMatch(/"review" factory hit a unique constraint.*E11000/);
    expect(await mongo.model('Review').countDocuments()).toBe(1);
  });

  test('definition mistakes name the factory and what to do', async ({ db }) => {
    const keyless = redisFactory(() => ({ key: 'k', value: 'v', hash: { a: 1 } }));
    await expect(keyless.create()).rejects.toThrow(
      /exactly one of value, hash, json; got key "k" and value, hash/,
    );
    const unknownModel = mongooseFactory('Nope', () => ({ a: 1 }));
    await expect(unknownModel.create()).rejects.toThrow(
      /no mongoose model "Nope" is registered .*models: .*Review/,
    );
    const run = catalogData.run.bind(catalogData) as (name: string) => Promise<unknown>;
    await expect(run('nope')).rejects.toThrow(FactoryDefinitionError);
    await expect(run('nope')).rejects.toThrow(/no scenario "nope" is registered; scenarios: catalog/);
    expect(await db.redisKeys()).toEqual([]);
  });
});

describe('unique collisions from the sequence restart', () => {
  test.beforeAll(async ({ dbFile }) => {
    await dbFile.prisma();
    await users.create(); // file scope: user1@example.com, kept for the whole file
  });

  test('a test’s user1@example.com collides with the beforeAll one, and the error says why', async ({
    prisma,
  }) => {
    const error = await users.create().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactoryUniqueCollisionError);
    expect(error).toMatchObject({ store: 'postgres', factory: 'user', fields: ['User_email_key'] });
    expect((error as Error).message).toMatch(
      /sequences restart at 1 in every test, so rows created in a beforeAll/,
    );
    expect((error as Error).message).toMatch(/user\.params\(\{ \.\.\. \}\).*sequence \+ 1000/s);
    // The fix the message suggests; and the test's connection is still usable.
    await users.params({ email: 'elsewhere@example.com' }).create();
    expect(await prisma.user.count()).toBe(2);
  });
});
