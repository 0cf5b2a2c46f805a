// A Nest test under Jest's CommonJS mode, no transform: requires the built database-config/nestjs.
module.exports = { rootDir: __dirname, testEnvironment: 'node', transform: {}, testMatch: ['**/*.test.cjs'] };
