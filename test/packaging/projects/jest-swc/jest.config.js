// @swc/jest in Jest's CommonJS mode, with the library's preset.
module.exports = {
  preset: 'database-config-testing',
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' } }] },
  testTimeout: 60_000,
};
