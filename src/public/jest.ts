// Public surface of `database-config-testing/jest`: the config wrapper (jest.config) and the test helpers.
import { markDatabaseUse } from '../setup/jest-file-state.js';

// Under the Jest preset, a file importing this uses the stores: the preset's hooks scope it.
markDatabaseUse();

export { withDatabaseFixtures } from '../setup/jest-config.js';
export type { JestConfigLike } from '../setup/jest-config.js';
export { useDatabases } from '../setup/jest.js';
export type { JestDatabases, UseDatabasesOptions } from '../setup/jest.js';
export { defineDatabaseFixtures } from '../setup/fixture-config.js';
export type { DatabaseFixturesConfig } from '../setup/fixture-config.js';
export type { IsolationOptions, WorkerNames } from '../fixtures/worker-databases.js';
