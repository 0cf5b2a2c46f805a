import { describe, expect } from 'vitest';
import { CatalogService } from '../../examples/catalog/src/catalog-service.js';
import {
  catalogData,
  orderEvents,
  orders,
  productPoints,
  products,
  reviews,
  users,
} from '../../examples/catalog/factories/index.js';
import { FactoryDefinitionError } from '../../src/public/factories.js';
import { test } from './db.js';

describe('associations across stores', () => {
  test('a MongoDB review creates its PostgreSQL user and product first', async ({ prisma }) => {
    const review = await reviews.create();
    const [user, product] = await Promise.all([
      prisma.user.findFirstOrThrow(),
      prisma.product.findFirstOrThrow(),
    ]);
    expect(review).toMatchObject({ userId: user.id, productId: product.id });
  });

  test('parents given as params (or .params()) are not created', async ({ prisma }) => {
    const [user, product] = [await users.create(), await products.create()];
    await reviews.create({ userId: user.id, productId: product.id });
    await reviews.params({ userId: user.id }).create({ productId: (await products.create()).id });
    expect(await prisma.user.count()).toBe(1);
    expect(await prisma.product.count()).toBe(2);
  });

  test('a Qdrant point carries the id of the PostgreSQL product created for it', async ({
    prisma,
    qdrant,
    db,
  }) => {
    const point = await productPoints.create();
    const product = await prisma.product.findFirstOrThrow();
    expect(point.id).toBe(product.id);
    const [stored] = await qdrant.retrieve(`${db.names.qdrant}products`, {
      ids: [product.id],
      with_payload: true,
    });
    expect(stored?.payload?.productId).toBe(product.id);
  });

  test('an order creates its user, its products and items, and an event references it', async ({
    prisma,
    mongo,
  }) => {
    const order = await orders.create();
    const items = await prisma.orderItem.findMany({ where: { orderId: order.id } });
    expect(items).toHaveLength(2);
    expect(order.totalCents).toBe(items.reduce((sum, i) => sum + i.quantity * i.unitPriceCents, 0));
    expect(await prisma.user.count()).toBe(1);
    await orderEvents.create({}, { transient: { order } });
    expect(await mongo.collection('events').countDocuments({ 'payload.orderId': order.id })).toBe(1);
  });

  test('the catalog scenario places a dataset over the four stores that the service can use', async ({
    prisma,
    mongo,
    redis,
    qdrant,
    db,
  }) => {
    const data = await catalogData.run('catalog', { productsPerCategory: 2 });
    expect(await prisma.product.count()).toBe(6);
    expect((await qdrant.count(`${db.names.qdrant}products`)).count).toBe(6);
    expect(data.order).toMatchObject({ status: 'PAID', couponId: 1 });
    expect(await mongo.model('Review').countDocuments({ userId: data.shoppers[0]!.id })).toBe(2);
    const service = new CatalogService({ prisma, mongo, redis, qdrant, collectionPrefix: db.names.qdrant });
    expect(await service.cart(data.shoppers[1]!.id)).toHaveLength(2);
    const similar = await service.similarProducts(data.products[0]!.id, 3);
    expect(similar.map((p) => p.id)).toEqual([data.products[1]!.id]);
  });
});

describe('traits and transient params', () => {
  test('traits apply by name, in order, on one definition', async ({ prisma }) => {
    expect(products.trait('book', 'outOfStock').build()).toMatchObject({ categoryId: 1, stock: 0 });
    expect(products.trait('electronics').build().categoryId).toBe(2);
    const order = await orders.trait('paid', 'welcome').create();
    expect(await prisma.order.findUniqueOrThrow({ where: { id: order.id } })).toEqual(order);
    expect(order).toMatchObject({ status: 'PAID', couponId: 1 });
    expect(order.discountCents).toBe(Math.floor((order.totalCents + order.discountCents) / 10));
  });

  test('an unknown trait names the known ones', () => {
    const call = () => products.trait('nope' as never);
    expect(call).toThrow(FactoryDefinitionError);
    expect(call).toThrow(/unknown trait "nope"; its traits are book, electronics, homeKitchen, outOfStock/);
  });

  test('transient params shape the data without being saved', async ({ prisma }) => {
    const order = await orders.create({}, { transient: { itemCount: 3 } });
    expect(await prisma.orderItem.count({ where: { orderId: order.id } })).toBe(3);
    const [book] = await products.trait('book').createList(1);
    const single = await orders.create({}, { transient: { products: [book!] } });
    expect(await prisma.orderItem.findMany({ where: { orderId: single.id } })).toMatchObject([
      { productId: book!.id },
    ]);
  });
});
