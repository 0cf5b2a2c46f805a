import { describe, expect } from 'vitest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { startCatalog } from '../../examples/catalog/src/app.js';
import { CatalogService } from '../../examples/catalog/src/catalog-service.js';
import { DatabaseManager, loadDatabaseConfig, qdrantCollectionName } from 'database-config';
import { test } from './db.js';

// Application code gets its clients from the production modules; under the fixtures those point
// at the test worker's namespaces, so the code needs no test wiring and its writes are reset.
describe('production code under the fixtures', () => {
  test('loadDatabaseConfig points every store at the worker namespaces', async ({ db }) => {
    const config = loadDatabaseConfig({});
    expect(new URL(config.postgres!.url).pathname).toBe(`/${db.names.postgres}`);
    expect(config.mongodb!.database).toBe(db.names.mongodb);
    expect(new URL(config.redis!.url).pathname).toBe(`/${db.names.redis}`);
    expect(config.redis!.keyPrefix).toBe(db.names.redisKeyPrefix);
    expect(qdrantCollectionName(config.qdrant!, 'products')).toBe(`${db.names.qdrant}products`);
  });

  test('a DatabaseManager inside a test writes into the test scope', async ({ prisma, redis }) => {
    await using manager = await DatabaseManager.connect({
      config: loadDatabaseConfig({}),
      prismaClient: PrismaClient,
    });
    await manager.prisma.user.create({ data: { email: 'app@example.com', name: 'App' } });
    await manager.redis.set('app:key', '1');
    // Same transaction as the test's own client, same Redis database.
    expect(await prisma.user.count({ where: { email: 'app@example.com' } })).toBe(1);
    expect(await redis.get('app:key')).toBe('1');
    expect((await manager.health()).status).toBe('up');
  });

  test('the example app’s production wiring (startCatalog) runs unchanged inside a test', async ({
    prisma,
  }) => {
    await using catalog = await startCatalog({});
    expect((await catalog.manager.health()).status).toBe('up');
    await catalog.service.registerUser({ email: 'wired@example.com', name: 'Wired' });
    expect(await prisma.user.count({ where: { email: 'wired@example.com' } })).toBe(1);
  });

  test('...and its writes are gone in the next test', async ({ prisma, db }) => {
    expect(await prisma.user.count()).toBe(0);
    expect(await db.redisKeys()).toEqual([]);
  });

  test('cross-store e2e: place an order (PostgreSQL transaction, MongoDB event, Redis cart, Qdrant search)', async ({
    prisma,
    mongo,
    redis,
    qdrant,
  }) => {
    const config = loadDatabaseConfig({});
    const service = new CatalogService({
      prisma,
      mongo,
      redis,
      qdrant,
      collectionPrefix: config.qdrant!.collectionPrefix,
    });
    const user = await service.registerUser({ email: 'buyer@example.com', name: 'Buyer' });
    const book = await service.addProduct({
      sku: 'BOOK-1',
      name: 'Deep Work hardcover book',
      priceCents: 2500,
      categoryId: 1,
    });
    const other = await service.addProduct({
      sku: 'BOOK-2',
      name: 'Slow Productivity hardcover book',
      priceCents: 2000,
      categoryId: 1,
    });
    await service.addToCart(user.id, book.id, 2);
    const order = await service.placeOrder(user.id);
    expect(order.totalCents).toBe(5000);
    expect(await service.cart(user.id)).toEqual([]);
    expect(await mongo.model('Event').countDocuments({ type: 'order.placed' })).toBe(1);
    const similar = await service.similarProducts(book.id, 3);
    expect(similar.map((s) => s.id)).toEqual([other.id]);
  });

  test('a cross-store scenario from the factories feeds the service', async ({
    factories,
    prisma,
    mongo,
    redis,
    qdrant,
    db,
  }) => {
    const data = await factories.run('catalog', { shoppers: 2, productsPerCategory: 2 });
    const service = new CatalogService({ prisma, mongo, redis, qdrant, collectionPrefix: db.names.qdrant });
    expect(await prisma.product.count()).toBe(6);
    expect((await service.cart(data.shoppers[1]!.id)).length).toBe(2);
    const similar = await service.similarProducts(data.products[0]!.id, 5);
    expect(similar.every((p) => p.categoryId === data.products[0]!.categoryId)).toBe(true);
  });

  test('...and the next test finds every store at its baseline', async ({ prisma, mongo, qdrant, db }) => {
    expect(await prisma.order.count()).toBe(0);
    expect(await prisma.product.count()).toBe(0);
    expect(await mongo.model('Event').countDocuments()).toBe(0);
    expect(await db.redisKeys()).toEqual([]);
    expect((await qdrant.count(`${db.names.qdrant}products`)).count).toBe(0);
  });
});
