// @internal The part of database-config/internal a test runner's setup file needs before a test
// file loads: the store names and the test overrides production code reads. It loads neither the
// config's zod nor a client module: Jest evaluates its setup file again for every test file (in
// ESM mode, the CommonJS build beside the ESM one the test imports), so what the setup file loads
// is paid per file. Not a public API, it may change in any release.
export { STORE_NAMES } from './stores.js';
export type { StoreName } from './stores.js';
export { currentTestOverrides, setTestOverrides } from './config/test-overrides.js';
export type { TestOverrides } from './config/test-overrides.js';
