// Mongoose models of the catalog service, registered on a given connection. Their collections and
// indexes are created by the migrations in mongo-migrations/, so autoIndex and autoCreate are off.
import { Schema, type Connection, type InferSchemaType, type Model } from 'mongoose';

const reviewSchema = new Schema(
  {
    productId: { type: Number, required: true },
    userId: { type: Number, required: true },
    stars: {
      type: Number,
      required: true,
      min: 1,
      max: 5,
      validate: { validator: Number.isInteger, message: 'stars must be a whole number' },
    },
    body: { type: String, required: true, trim: true, maxlength: 4000 },
  },
  {
    collection: 'reviews',
    timestamps: { createdAt: true, updatedAt: false },
    autoIndex: false,
    autoCreate: false,
  },
);
// Declared for documentation and `syncIndexes()`; the migration creates the same indexes.
reviewSchema.index({ productId: 1, createdAt: -1 }, { name: 'productId_createdAt' });
reviewSchema.index({ productId: 1, userId: 1 }, { name: 'productId_userId_unique', unique: true });
reviewSchema.index({ userId: 1 }, { name: 'userId' });

const eventSchema = new Schema(
  {
    type: { type: String, required: true },
    at: { type: Date, required: true, default: () => new Date() },
    payload: { type: Schema.Types.Mixed, default: {} },
  },
  { collection: 'events', autoIndex: false, autoCreate: false, minimize: false },
);
eventSchema.index({ type: 1, at: -1 }, { name: 'type_at' });
eventSchema.index({ 'payload.orderId': 1 }, { name: 'payload_orderId' });

/** A product review document (one per user and product). */
export type Review = InferSchemaType<typeof reviewSchema>;
/** A domain event document (`order.placed`, ...). */
export type CatalogEvent = InferSchemaType<typeof eventSchema>;

/** The `Review` model on `connection` (registered once per connection). */
export function reviewModel(connection: Connection): Model<Review> {
  return (connection.models.Review as Model<Review> | undefined) ?? connection.model('Review', reviewSchema);
}

/** The `Event` model on `connection` (registered once per connection). */
export function eventModel(connection: Connection): Model<CatalogEvent> {
  return (
    (connection.models.Event as Model<CatalogEvent> | undefined) ?? connection.model('Event', eventSchema)
  );
}
