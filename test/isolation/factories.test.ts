import { describe, expect } from 'vitest';
import { carts, productPoints, products, reviews, users } from '../../examples/catalog/factories/index.js';
import { redisFactory } from '../../src/public/factories.js';
import { test } from './db.js';

const sessions = redisFactory(({ sequence }) => ({
  key: `session:${sequence}`,
  value: `token-${sequence}`,
  ttlSeconds: 60,
}));

// Every create() goes through the running test's clients: inside the test's transaction or
// namespace, so the next test finds each store at its baseline again.
describe('factories persist through the current test’s clients', () => {
  test('create() writes to PostgreSQL, MongoDB, Redis and Qdrant', async ({
    prisma,
    mongo,
    redis,
    qdrant,
    db,
  }) => {
    const user = await users.create();
    expect(await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).toEqual(user);
    const product = await products.create();
    const review = await reviews.create({ userId: user.id, productId: product.id });
    expect(await mongo.model('Review').countDocuments({ _id: review._id })).toBe(1);
    const cart = await carts.create({}, { transient: { user, product, quantity: 2 } });
    expect(await redis.hgetall(cart.key)).toEqual({ [String(product.id)]: '2' });
    expect(await redis.ttl(cart.key)).toBeGreaterThan(0);
    const session = await sessions.create();
    expect(await redis.get(session.key)).toBe(session.value);
    const point = await productPoints.create({}, { transient: { product } });
    const [stored] = await qdrant.retrieve(`${db.names.qdrant}products`, {
      ids: [point.id],
      with_payload: true,
    });
    expect(stored?.payload).toEqual({
      productId: product.id,
      categoryId: product.categoryId,
      sku: product.sku,
    });
  });

  test('...and the next test finds every store empty', async ({ prisma, mongo, qdrant, db }) => {
    expect(await prisma.user.count()).toBe(0);
    expect(await prisma.product.count()).toBe(0);
    expect(await mongo.model('Review').countDocuments()).toBe(0);
    expect(await db.redisKeys()).toEqual([]);
    expect((await qdrant.count(`${db.names.qdrant}products`)).count).toBe(0);
  });

  test('build() and buildList() save nothing', async ({ prisma, db }) => {
    const user = users.build();
    expect(user.email).toMatch(/^user\d+@example\.com$/);
    expect(sessions.buildList(2).map((s) => s.key)).toEqual(['session:1', 'session:2']);
    expect(await prisma.user.count()).toBe(0);
    expect(await db.redisKeys()).toEqual([]);
  });

  test('createList() saves each object', async ({ prisma }) => {
    const list = await users.createList(3);
    expect(list.map((u) => u.email)).toEqual(['user1@example.com', 'user2@example.com', 'user3@example.com']);
    expect(await prisma.user.count()).toBe(3);
  });
});
