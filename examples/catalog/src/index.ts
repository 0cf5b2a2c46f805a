// The example catalog service: a small service written against database-config's public API.
export { startCatalog } from './app.js';
export type { Catalog } from './app.js';
export { CatalogService } from './catalog-service.js';
export type {
  CartLine,
  CatalogClients,
  NewProduct,
  OrderWithItems,
  RateLimitResult,
  ReviewRecord,
  SimilarProduct,
} from './catalog-service.js';
export { CATALOG_COLLECTIONS, EMBEDDING_SIZE, embedText, productEmbedding, words } from './embeddings.js';
export type { CatalogCollectionSchema } from './embeddings.js';
export { eventModel, reviewModel } from './models.js';
export type { CatalogEvent, Review } from './models.js';
export {
  CatalogError,
  DuplicateReviewError,
  DuplicateSkuError,
  DuplicateUserError,
  EmptyCartError,
  InvalidInputError,
  NotFoundError,
  OrderNotPendingError,
  UnknownCouponError,
} from './errors.js';
