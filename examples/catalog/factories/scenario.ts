// The catalog's cross-store dataset: shoppers, products of every category with their Qdrant
// points, a paid order with items and its event, reviews, and an open cart.
import { TestDataManager, type ScenarioContext } from 'database-config-testing/factories';
import { CATALOG_COLLECTIONS } from '../src/embeddings.js';
import { orderEvents, reviews } from './documents.js';
import { orderItems, orders, products, users } from './postgres.js';
import { productPoints } from './qdrant.js';
import { carts } from './redis.js';

/** Every factory of the catalog. */
export const catalogFactories = {
  users,
  products,
  orders,
  orderItems,
  reviews,
  orderEvents,
  carts,
  productPoints,
};

/** Params of {@link catalogScenario}. */
export interface CatalogScenarioParams {
  /** Shoppers (at least 2). @default 2 */
  shoppers?: number;
  /** Products per category. @default 2 */
  productsPerCategory?: number;
}

/**
 * Places a realistic catalog: shoppers; products in each reference category, each with its Qdrant
 * point (so similarProducts works); a paid WELCOME10 order of the first shopper for the first two
 * products with its `order.placed` event; their reviews; a cart of the second shopper.
 */
export async function catalogScenario(
  { factories: f }: ScenarioContext<typeof catalogFactories>,
  params: CatalogScenarioParams = {},
) {
  const shoppers = await f.users.trait('withAddress').createList(Math.max(2, params.shoppers ?? 2));
  const perCategory = params.productsPerCategory ?? 2;
  const catalog = [
    ...(await f.products.trait('book').createList(perCategory)),
    ...(await f.products.trait('electronics').createList(perCategory)),
    ...(await f.products.trait('homeKitchen').createList(perCategory)),
  ];
  const points = [];
  for (const product of catalog) points.push(await f.productPoints.create({}, { transient: { product } }));
  const [first, second] = shoppers as [(typeof shoppers)[number], (typeof shoppers)[number]];
  const bought = catalog.slice(0, 2);
  const order = await f.orders
    .trait('paid', 'welcome')
    .create({ userId: first.id }, { transient: { products: bought } });
  const event = await f.orderEvents.create({}, { transient: { order } });
  const productReviews = [];
  for (const product of bought) {
    productReviews.push(await f.reviews.trait('glowing').create({ userId: first.id, productId: product.id }));
  }
  const lines = catalog.slice(2, 4).map((p) => ({ productId: p.id, quantity: 1 }));
  const cart = await f.carts.create({}, { transient: { user: second, lines } });
  return { shoppers, products: catalog, points, order, event, reviews: productReviews, cart };
}

/** The catalog's test data: its factories and the `catalog` scenario. */
export const catalogData = new TestDataManager(catalogFactories, {
  qdrantCollections: CATALOG_COLLECTIONS,
}).scenario('catalog', catalogScenario);
