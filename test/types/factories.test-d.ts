import { describe, expectTypeOf, test } from 'vitest';
import type { Order, PrismaClient, Product, User } from '../../prisma/generated/client.js';
import {
  carts,
  catalogData,
  orders,
  productPoints,
  reviews,
  users,
} from '../../examples/catalog/factories/index.js';
import {
  definePrismaFactories,
  mongooseFactory,
  parent,
  qdrantFactory,
  redisFactory,
  type MongoDocument,
  type PrismaModelName,
} from '../../src/public/factories.js';

const { prismaFactory } = definePrismaFactories<PrismaClient>();

describe('Prisma factories are typed by the generated client', () => {
  test('create() returns the model row; build() its create data', () => {
    expectTypeOf(users.create).returns.resolves.toEqualTypeOf<User>();
    expectTypeOf(orders.create).returns.resolves.toEqualTypeOf<Order>();
    expectTypeOf(users.build().email).toEqualTypeOf<string>();
  });

  test('model names are the delegates of the client', () => {
    expectTypeOf<'user' | 'orderItem'>().toExtend<PrismaModelName<PrismaClient>>();
    expectTypeOf<'$connect'>().not.toExtend<PrismaModelName<PrismaClient>>();
    // @ts-expect-error -- 'usr' is not a model delegate of the client
    prismaFactory('usr', () => ({ email: 'a@example.com', name: 'A' }));
  });

  test('a wrong field in a define function is a compile error', () => {
    prismaFactory('user', ({ sequence }) => ({
      email: `u${sequence}@example.com`,
      name: 'U',
      // @ts-expect-error -- User has no field `role`: unknown fields are never, so the typo fails to compile
      role: 'ADMIN',
    }));
    // @ts-expect-error -- `email` is a string in the schema, not a number
    prismaFactory('user', () => ({ email: 1, name: 'U' }));
    // @ts-expect-error -- `name` is required by User's create data
    prismaFactory('user', () => ({ email: 'u@example.com' }));
  });

  test('params, traits and transient params are checked', () => {
    users.params({ name: 'Ada' });
    // @ts-expect-error -- params are a deep partial of the create data: no field `role`
    users.params({ role: 'ADMIN' });
    orders.trait('paid', 'welcome');
    // @ts-expect-error -- 'refunded' is not one of the order factory's traits
    orders.trait('refunded');
    orders.create({}, { transient: { itemCount: 3 } });
    // @ts-expect-error -- itemCount is a number
    orders.create({}, { transient: { itemCount: 'three' } });
  });

  test('transient parents arrive typed in the define function', () => {
    prismaFactory(
      'orderItem',
      ({ transientParams }) => {
        expectTypeOf(transientParams.product).toEqualTypeOf<Product | undefined>();
        return { orderId: 1, productId: transientParams.product?.id ?? 0, quantity: 1, unitPriceCents: 1 };
      },
      {
        transientParents: {
          product: parent(
            () => users,
            (u) => ({ ...u, priceCents: 1 }) as unknown as Product,
          ),
        },
      },
    );
  });
});

describe('mongoose, Redis and Qdrant factories infer the built object', () => {
  test('their create() types', () => {
    expectTypeOf(reviews.create).returns.resolves.toExtend<MongoDocument<{ stars: number; body: string }>>();
    expectTypeOf(carts.build().hash).toEqualTypeOf<Record<string, number>>();
    expectTypeOf(productPoints.build().payload.categoryId).toEqualTypeOf<number>();
    const sessions = redisFactory(({ sequence }) => ({ key: `s:${sequence}`, value: 'v' }));
    expectTypeOf(sessions.create).returns.resolves.toEqualTypeOf<{ key: string; value: string }>();
  });

  test('Redis records and Qdrant points must have their shape', () => {
    // @ts-expect-error -- a Redis record needs `key`
    redisFactory(() => ({ value: 'v' }));
    // @ts-expect-error -- a Qdrant point's vector is numbers
    qdrantFactory('products', () => ({ id: 1, vector: ['a'] }));
    mongooseFactory(
      'Review',
      ({ faker }) => ({ body: faker.lorem.word(), stars: 5, productId: 1, userId: 1 }),
      {
        // @ts-expect-error -- parents fill fields of the document: `authorId` is not one
        parents: { authorId: () => users },
      },
    );
  });
});

describe('scenarios', () => {
  test('run() takes the scenario’s params and returns its result', () => {
    expectTypeOf(catalogData.run<'catalog'>)
      .parameter(1)
      .toEqualTypeOf<{ shoppers?: number; productsPerCategory?: number } | undefined>();
    expectTypeOf(catalogData.run('catalog')).resolves.toHaveProperty('order').toEqualTypeOf<Order>();
    // @ts-expect-error -- no scenario named 'shop'
    void catalogData.run('shop');
  });
});
