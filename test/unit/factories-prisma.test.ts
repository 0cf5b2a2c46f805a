import { describe, expect, test } from 'vitest';
import type { PrismaClient } from '../../prisma/generated/client.js';
import {
  FactoryCycleError,
  FactoryUniqueCollisionError,
  definePrismaFactories,
  persistWith,
  type ParentFactory,
} from '../../src/public/factories.js';

// Prisma factories without containers: a fake client through persistWith.
const { prismaFactory } = definePrismaFactories<PrismaClient>();
const users = prismaFactory('user', ({ sequence, faker }) => ({
  email: `u${sequence}@example.com`,
  name: faker.person.fullName(),
}));

/** A Prisma-like client whose delegates record their create() data (or throw `error`). */
function fakePrisma(error?: unknown) {
  const created: Array<[string, unknown]> = [];
  const delegate = (model: string) => ({
    create: async ({ data }: { data: object }) => {
      if (error) throw error;
      created.push([model, data]);
      return { id: created.length, ...data };
    },
  });
  return { created, client: new Proxy({}, { get: (_, model) => delegate(String(model)) }) };
}

describe('Prisma factories through explicit clients', () => {
  test('Prisma: create({ data }) on the model delegate; P2002 explained with its fields', async () => {
    const prisma = fakePrisma();
    await persistWith({ prisma: prisma.client }, () => users.create({ name: 'Ada' }));
    expect(prisma.created).toEqual([
      ['user', { email: expect.stringMatching(/@example\.com$/), name: 'Ada' }],
    ]);
    const p2002 = Object.assign(new Error('Unique constraint failed'), {
      code: 'P2002',
      meta: { target: ['email'] },
    });
    const failing = persistWith({ prisma: fakePrisma(p2002).client }, () => users.create());
    await expect(failing).rejects.toThrow(FactoryUniqueCollisionError);
    await expect(failing).rejects.toMatchObject({ fields: ['email'], factory: 'user', cause: p2002 });
  });

  test('parents are created first; a cycle is named before anything is saved', async () => {
    const prisma = fakePrisma();
    const orders = prismaFactory('order', () => ({ userId: 0, totalCents: 0 }), {
      parents: { userId: () => users },
    });
    await persistWith({ prisma: prisma.client }, () => orders.create());
    expect(prisma.created.map(([model]) => model)).toEqual(['user', 'order']);
    expect(prisma.created[1]![1]).toMatchObject({ userId: 1 });
    const a = prismaFactory('user', () => ({ email: 'a', name: 'a' }), {
      transientParents: { b: (): ParentFactory<unknown> => b },
    });
    const b = prismaFactory('product', () => ({ sku: 's', name: 'n', priceCents: 1, categoryId: 1 }), {
      transientParents: { a: () => a },
    });
    const cycle = persistWith({ prisma: fakePrisma().client }, () => a.create());
    // A parent's afterCreate making children of the factory that asked for it is no cycle.
    const items = prismaFactory(
      'orderItem',
      () => ({ orderId: 0, productId: 1, quantity: 1, unitPriceCents: 1 }),
      {
        parents: { orderId: (): ParentFactory<{ id: number }> => withItems },
      },
    );
    const withItems = orders.afterCreate(async (order) => (await items.create({ orderId: order.id }), order));
    await persistWith({ prisma: prisma.client }, () => items.create());
    expect(prisma.created.map(([model]) => model).slice(2)).toEqual([
      'user',
      'order',
      'orderItem',
      'orderItem',
    ]);
    await expect(cycle).rejects.toThrow(FactoryCycleError);
    await expect(cycle).rejects.toMatchObject({ chain: ['user', 'product', 'user'] });
  });
});
