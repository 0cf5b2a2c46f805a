// Public surface of `database-config-testing/vitest/config`: the plugin, for vitest.config.ts.
// It does not import Vitest's runtime, so a CommonJS vitest.config.ts (a project without
// "type": "module", which Vite loads through require) can load it; tests import the fixtures from
// `database-config-testing/vitest`, as Vitest splits `vitest/config` from `vitest`.
export { databaseFixtures } from '../setup/vitest.js';
export { defineDatabaseFixtures } from '../setup/fixture-config.js';
export type { DatabaseFixturesConfig, ResolvedFixturesConfig } from '../setup/fixture-config.js';
