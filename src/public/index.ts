// Public surface of `database-config`: configuration, clients and health checks.
export { STORE_NAMES } from '../stores.js';
export type { StoreName } from '../stores.js';
