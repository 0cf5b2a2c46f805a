// Reference data the catalog service expects in every environment: the event types it records in
// the `events` collection (migrate-mongo, ES module).

const EVENT_TYPES = [
  { type: 'order.placed', description: 'An order was created from a cart', retentionDays: 365 },
  { type: 'order.coupon_applied', description: 'A coupon was applied to an order', retentionDays: 365 },
  { type: 'review.added', description: 'A user reviewed a product', retentionDays: 90 },
];

export const up = async (db) => {
  await db.collection('event_types').insertMany(EVENT_TYPES.map((doc) => ({ ...doc })));
};

export const down = async (db) => {
  await db.collection('event_types').deleteMany({ type: { $in: EVENT_TYPES.map((doc) => doc.type) } });
};
