// Jest runs this project's isolation suite against the built package (`npm run build` first),
// as a user's project would: `database-config/jest` resolves to dist/ through package.json exports.
import { readFileSync } from 'node:fs';
import { withDatabaseFixtures } from 'database-config/jest';
import { loadOfflineEnv } from './scripts/offline-env.mjs';

loadOfflineEnv();
const collections = JSON.parse(
  readFileSync(new URL('./examples/catalog/collections.json', import.meta.url), 'utf8'),
);

export default withDatabaseFixtures(
  {
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/jest/**/*.test.ts'],
    extensionsToTreatAsEsm: ['.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'es6' } },
      ],
    },
    // TypeScript sources import each other with .js specifiers.
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    maxWorkers: 2,
    testTimeout: 30_000,
  },
  {
    postgres: { migrations: './prisma/migrations' },
    mongodb: { migrations: './mongo-migrations' },
    redis: {},
    qdrant: { collections },
    isolation: { leakCheck: true },
  },
);
