// Jest in CommonJS mode (no --experimental-vm-modules; what ts-jest and babel-jest setups run), with
// the config wrapper instead of the preset. The package resolves to its CommonJS build here.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { withDatabaseFixtures } = require('database-config-testing/jest');
const { loadOfflineEnv } = require('../../scripts/offline-env.mjs');

loadOfflineEnv();
const root = join(__dirname, '../..');

module.exports = withDatabaseFixtures(
  {
    rootDir: root,
    testEnvironment: 'node',
    testMatch: ['<rootDir>/test/jest-cjs/**/*.test.ts'],
    transform: {
      '^.+\\.ts$': [
        '@swc/jest',
        { jsc: { parser: { syntax: 'typescript' }, target: 'es2023' }, module: { type: 'commonjs' } },
      ],
    },
    moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
    maxWorkers: 2,
    testTimeout: 30_000,
  },
  {
    root,
    mongodb: { migrations: './mongo-migrations' },
    redis: {},
    qdrant: {
      collections: JSON.parse(readFileSync(join(root, 'examples/catalog/collections.json'), 'utf8')),
    },
    isolation: { leakCheck: true },
  },
);
