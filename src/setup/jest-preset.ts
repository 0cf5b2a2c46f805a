// The Jest preset: `preset: 'database-config/jest'` in jest.config. It adds the runner files only;
// the fixture config comes from database-fixtures.config.* in the project's rootDir, and the
// user's testEnvironment, transform and other options are left alone (jsdom keeps working).
import { runnerFile } from './jest-config.js';

const preset = {
  globalSetup: runnerFile('jest-global-setup'),
  globalTeardown: runnerFile('jest-global-teardown'),
  setupFilesAfterEnv: [runnerFile('jest-setup-file')],
};

export default preset;
