// PostgreSQL factories of the catalog: users, products, orders with their items.
import type { PrismaClient, Product } from '../../../prisma/generated/client.js';
import { definePrismaFactories, factoryClients } from 'database-config-testing/factories';

const { prismaFactory } = definePrismaFactories<PrismaClient>();

/** The reference categories the migrations insert (same ids in every fresh database). */
export const CATEGORIES = {
  books: { id: 1, name: 'Books' },
  electronics: { id: 2, name: 'Electronics' },
  homeKitchen: { id: 3, name: 'Home & Kitchen' },
} as const;

/** The reference coupons the migrations insert. */
export const COUPONS = { WELCOME10: { id: 1, percentOff: 10 }, SPRING25: { id: 2, percentOff: 25 } } as const;

const categoryIds = Object.values(CATEGORIES).map((c) => c.id);

/** Users: `user<n>@example.com` (n restarts at 1 in every test), a faker name. */
export const users = prismaFactory(
  'user',
  ({ sequence, faker }) => ({ email: `user${sequence}@example.com`, name: faker.person.fullName() }),
  {
    traits: {
      withAddress: {
        addresses: {
          create: [
            {
              line1: '1 Main Street',
              city: 'Springfield',
              postalCode: '12345',
              country: 'US',
              isDefault: true,
            },
          ],
        },
      },
    },
  },
);

/** Products: SKU from the sequence (`SKU-00001`), categories in turn, faker name and price. */
export const products = prismaFactory(
  'product',
  ({ sequence, faker }) => ({
    sku: `SKU-${String(sequence).padStart(5, '0')}`,
    name: faker.commerce.productName(),
    description: faker.commerce.productDescription(),
    priceCents: faker.number.int({ min: 299, max: 19_999 }),
    stock: faker.number.int({ min: 1, max: 50 }),
    categoryId: categoryIds[(sequence - 1) % categoryIds.length]!,
  }),
  {
    traits: {
      book: { categoryId: CATEGORIES.books.id },
      electronics: { categoryId: CATEGORIES.electronics.id },
      homeKitchen: { categoryId: CATEGORIES.homeKitchen.id },
      outOfStock: { stock: 0 },
    },
  },
);

/** Order items; give `orderId`. The product is created unless passed as `transient: { product }`. */
export const orderItems = prismaFactory(
  'orderItem',
  ({ faker, transientParams: { product } }) => ({
    orderId: 0,
    productId: product?.id ?? 0,
    quantity: faker.number.int({ min: 1, max: 3 }),
    unitPriceCents: product?.priceCents ?? 0,
  }),
  { transientParents: { product: () => products } },
);

/**
 * Orders of a new user (or `userId`), with items: one per product in `transient: { products }`,
 * else `itemCount` new products. The total is the items' sum, less the coupon's discount.
 */
export const orders = prismaFactory(
  'order',
  ({ transientParams, afterCreate }) => {
    afterCreate(async (order) => {
      const lines: Product[] =
        transientParams.products ?? (await products.createList(transientParams.itemCount));
      let subtotal = 0;
      for (const product of lines) {
        const item = await orderItems.create({ orderId: order.id }, { transient: { product } });
        subtotal += item.quantity * item.unitPriceCents;
      }
      const coupon = Object.values(COUPONS).find((c) => c.id === order.couponId);
      const discountCents = Math.floor((subtotal * (coupon?.percentOff ?? 0)) / 100);
      const prisma = (await factoryClients('order').prisma()) as PrismaClient;
      return prisma.order.update({
        where: { id: order.id },
        data: { discountCents, totalCents: subtotal - discountCents },
      });
    });
    return { userId: 0, totalCents: 0 };
  },
  {
    parents: { userId: () => users },
    transient: { itemCount: 2, products: undefined as Product[] | undefined },
    traits: {
      paid: { status: 'PAID' },
      shipped: { status: 'SHIPPED' },
      welcome: { couponId: COUPONS.WELCOME10.id },
    },
  },
);
