// Public surface of `database-config-testing/jest`: the config wrapper (jest.config) and the test helpers.
import { markDatabaseUse } from '../fixtures/database-use.js';

// Under the Jest preset, a file importing this uses the stores: the preset's hooks scope it.
markDatabaseUse();

export { withDatabaseFixtures } from '../setup/jest-config.js';
export type { JestConfigLike } from '../setup/jest-config.js';
export { useDatabases } from '../fixtures/jest/use-databases.js';
export type { JestDatabases, UseDatabasesOptions } from '../fixtures/jest/use-databases.js';
export { useIsolation, withIsolation } from '../fixtures/jest/use-isolation.js';
export { defineDatabaseFixtures } from '../setup/fixture-config.js';
export type { DatabaseFixturesConfig } from '../setup/fixture-config.js';
export type { IsolationOptions } from '../fixtures/isolation-options.js';
export type { WorkerNames } from '../fixtures/worker-names.js';
