// Redis factories of the catalog: carts (hash product id -> quantity, 7-day TTL).
import { parent, redisFactory } from 'database-config-testing/factories';
import { CatalogService, type CartLine } from '../src/catalog-service.js';
import { products, users } from './postgres.js';

/**
 * Carts of a new user (or `transient: { user }`): the `transient: { lines }` given, else one line
 * of `quantity` of a new product (or `transient: { product }`).
 */
export const carts = redisFactory(
  ({ transientParams: { user, product, lines, quantity } }) => ({
    key: CatalogService.cartKey(user?.id ?? 0),
    hash: Object.fromEntries(
      (lines ?? [{ productId: product?.id ?? 0, quantity }]).map((l) => [String(l.productId), l.quantity]),
    ),
    ttlSeconds: 7 * 24 * 3600,
  }),
  {
    label: 'cart',
    transient: { quantity: 1, lines: undefined as CartLine[] | undefined },
    transientParents: {
      user: () => users,
      product: parent(() => products, { when: ({ transient }) => transient.lines === undefined }),
    },
  },
);
