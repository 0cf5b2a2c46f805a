// The catalog service's MongoDB collections and their indexes (migrate-mongo, ES module).
// Kept to what every MongoDB-compatible server supports (FerretDB included): plain single-field,
// compound and unique indexes; no TTL, text or partial indexes, collations, validators or
// transactions.

/** Each collection and its indexes ({ key, name, unique? }). */
const COLLECTIONS = {
  // One review per user and product (the unique index enforces it); listed newest first per product.
  reviews: [
    { key: { productId: 1, createdAt: -1 }, name: 'productId_createdAt' },
    { key: { productId: 1, userId: 1 }, name: 'productId_userId_unique', unique: true },
    { key: { userId: 1 }, name: 'userId' },
  ],
  // Domain events (order.placed, ...), read per type, newest first.
  events: [
    { key: { type: 1, at: -1 }, name: 'type_at' },
    { key: { 'payload.orderId': 1 }, name: 'payload_orderId' },
  ],
  // A user's saved products, one document per user.
  wishlists: [{ key: { userId: 1 }, name: 'userId_unique', unique: true }],
  // Product page views, per product and per user, newest first.
  product_views: [
    { key: { productId: 1, at: -1 }, name: 'productId_at' },
    { key: { userId: 1, at: -1 }, name: 'userId_at' },
  ],
  // Reference data: the known event types (filled by the next migration).
  event_types: [{ key: { type: 1 }, name: 'type_unique', unique: true }],
};

export const up = async (db) => {
  for (const [name, indexes] of Object.entries(COLLECTIONS)) {
    await db.createCollection(name);
    await db.collection(name).createIndexes(indexes);
  }
};

export const down = async (db) => {
  for (const name of Object.keys(COLLECTIONS)) {
    await db.collection(name).drop();
  }
};
