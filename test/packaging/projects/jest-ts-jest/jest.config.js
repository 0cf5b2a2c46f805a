// ts-jest in Jest's CommonJS mode: the library's preset (ts-jest's own `preset` is taken) plus
// ts-jest's transform, which type-checks the test under tsconfig.json (module commonjs: node10).
module.exports = {
  preset: 'database-config-testing',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', {}] },
  testTimeout: 60_000,
};
