// The Jest preset of database-config-testing: `preset: 'database-config-testing'` (or
// 'database-config-testing/jest') in jest.config. A plain CommonJS object, so Jest's preset
// loader, `require()` and `await import()` all read the same three keys. It adds the runner files
// only: the fixture config comes from database-fixtures.config.* in the project's rootDir, and the
// project's testEnvironment, transform and other options are left alone (jsdom keeps working).
const { join } = require('node:path');

const dist = join(__dirname, 'dist');
const globalSetup = join(dist, 'jest-global-setup.cjs');
const globalTeardown = join(dist, 'jest-global-teardown.cjs');
const setupFilesAfterEnv = [join(dist, 'jest-setup-file.cjs')];

// Shorthand properties only: Node's CommonJS export detection reads them, so
// `import { globalSetup } from 'database-config-testing/jest-preset'` works as the types say.
module.exports = { globalSetup, globalTeardown, setupFilesAfterEnv };
