// MongoDB factories of the catalog: reviews of PostgreSQL products by PostgreSQL users, and events.
import { FAKER_REF_DATE, mongooseFactory } from 'database-config-testing/factories';
import { eventModel, reviewModel } from '../src/models.js';
import { orders, products, users } from './postgres.js';

/** Reviews: a new user reviews a new product unless `userId` / `productId` are given. */
export const reviews = mongooseFactory(
  reviewModel,
  ({ faker }) => ({
    productId: 0,
    userId: 0,
    stars: faker.number.int({ min: 1, max: 5 }),
    body: faker.lorem.sentences(2),
  }),
  {
    parents: { userId: () => users, productId: () => products },
    traits: { glowing: { stars: 5, body: 'Exactly as described, would buy again.' }, harsh: { stars: 1 } },
  },
);

/** `order.placed` events of an order (a new one unless passed as `transient: { order }`). */
export const orderEvents = mongooseFactory(
  eventModel,
  ({ sequence, transientParams: { order } }) => ({
    type: 'order.placed',
    at: order?.createdAt ?? new Date(FAKER_REF_DATE.getTime() + sequence * 60_000),
    payload: { orderId: order?.id ?? 0, userId: order?.userId ?? 0, totalCents: order?.totalCents ?? 0 },
  }),
  { transientParents: { order: () => orders } },
);
