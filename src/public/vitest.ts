// Public surface of `database-config-testing/vitest`: the fixtures (tests) and, for ESM configs, the plugin
export { databaseFixtures } from '../setup/vitest.js';
export { databaseTest } from '../fixtures/vitest/database-test.js';
export type { DatabaseTestOptions } from '../fixtures/vitest/database-test.js';
export type { Databases, ProjectClients } from '../fixtures/scope-databases.js';
export { defineDatabaseFixtures } from '../setup/fixture-config.js';
export type { DatabaseFixturesConfig, ResolvedFixturesConfig } from '../setup/fixture-config.js';
export type { IsolationOptions } from '../fixtures/isolation-options.js';
export type { WorkerNames } from '../fixtures/worker-names.js';
export type { PostgresStrategy } from '../fixtures/postgres/postgres-worker.js';
export type { MongodbStrategy } from '../fixtures/mongodb/mongodb-worker.js';
export type { StackInfo } from '../containers/stack-info.js';
