import { describe, expect, test } from '@jest/globals';
import { loadDatabaseConfig } from 'database-config';
import { useDatabases } from 'database-config-testing/jest';
import { PrismaClient } from '../../prisma/generated/client.js';
import { CatalogService } from '../../examples/catalog/src/catalog-service.js';
import { eventModel, reviewModel } from '../../examples/catalog/src/models.js';

const db = useDatabases({
  prismaClient: PrismaClient,
  mongooseModels: (connection) => {
    reviewModel(connection);
    eventModel(connection);
  },
});

async function service() {
  const config = loadDatabaseConfig({}, { stores: ['qdrant'] });
  return new CatalogService({
    prisma: await db.prisma(),
    mongo: await db.mongo(),
    redis: await db.redis(),
    qdrant: await db.qdrant(),
    collectionPrefix: config.qdrant!.collectionPrefix,
  });
}

describe('Jest: cross-database e2e', () => {
  test('place an order: PostgreSQL transaction, MongoDB event, Redis cart cleared, Qdrant similar products', async () => {
    const catalog = await service();
    const user = await catalog.registerUser({ email: 'jest-buyer@example.com', name: 'Buyer' });
    const lamp = await catalog.addProduct({
      sku: 'LAMP-1',
      name: 'Brass desk lamp',
      priceCents: 4500,
      categoryId: 3,
    });
    const other = await catalog.addProduct({
      sku: 'LAMP-2',
      name: 'Brass floor lamp',
      priceCents: 9000,
      categoryId: 3,
    });
    await catalog.addToCart(user.id, lamp.id, 1);
    const order = await catalog.placeOrder(user.id);
    expect(order.totalCents).toBe(4500);
    expect(await catalog.cart(user.id)).toEqual([]);
    expect(await (await db.mongo()).model('Event').countDocuments({ type: 'order.placed' })).toBe(1);
    expect((await catalog.similarProducts(lamp.id, 3)).map((p) => p.id)).toEqual([other.id]);
  });

  test('...and the next test finds every store at its baseline', async () => {
    expect(await (await db.prisma()).order.count()).toBe(0);
    expect(await (await db.mongo()).model('Event').countDocuments()).toBe(0);
    expect(await (await db.redis()).dbsize()).toBe(0);
    expect((await (await db.qdrant()).count(`${db.names.qdrant}products`)).count).toBe(0);
  });
});
