// Factories of the example catalog over its four stores, and its cross-store scenario.
export { CATEGORIES, COUPONS, users, products, orders, orderItems } from './postgres.js';
export { reviews, orderEvents } from './documents.js';
export { carts } from './redis.js';
export { productPoints } from './qdrant.js';
export { catalogFactories, catalogScenario, catalogData } from './scenario.js';
export type { CatalogScenarioParams } from './scenario.js';
