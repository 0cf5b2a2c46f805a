// Jest runs this project's suites against the built package (`npm run build` first), as a user's
// project would: the preset `database-config-testing/jest` resolves to dist/ through package.json exports,
// and reads the fixture config from database-fixtures.config.mjs next to this file.
import { loadOfflineEnv } from './scripts/offline-env.mjs';

loadOfflineEnv();

export default {
  preset: 'database-config-testing/jest',
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/jest/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript' },
          target: 'es2023',
          experimental: { keepImportAttributes: true, emitAssertForImportAttributes: false },
        },
        module: { type: 'es6' },
      },
    ],
  },
  // TypeScript sources import each other with .js specifiers.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  maxWorkers: 2,
  testTimeout: 30_000,
};
