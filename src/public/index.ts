// Public surface of `database-config-testing`: the fixture config, for `database-fixtures.config.*`
// files and shared helpers. The runners' entries are `/vitest`, `/vitest/config`, `/jest`,
// `/jest-preset`; factories and containers have their own.
export { defineDatabaseFixtures } from '../setup/fixture-config.js';
export type { DatabaseFixturesConfig, ResolvedFixturesConfig } from '../setup/fixture-config.js';
export type { IsolationOptions } from '../fixtures/isolation-options.js';
export type { WorkerNames } from '../fixtures/worker-databases.js';
export type { PostgresStrategy } from '../fixtures/postgres/postgres-worker.js';
export type { MongodbStrategy } from '../fixtures/mongodb/mongodb-worker.js';
export type { StackInfo } from '../containers/stack-info.js';
