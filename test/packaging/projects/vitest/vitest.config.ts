// A user's vitest.config.ts, copied into a CommonJS project (package.json without "type") and an ESM
// one ("type": "module"). Vite loads it through require() in the first, as ESM in the second.
import { defineConfig } from 'vitest/config';
import { databaseFixtures } from 'database-config-testing/vitest/config';

export default defineConfig({
  plugins: [databaseFixtures({ postgres: { migrations: './migrations' }, redis: {} })],
  test: {
    include: ['test/**/*.test.ts'],
    // How Vite evaluated this file (`module` exists only in CommonJS), for the test to check.
    env: { CONFIG_MODULE_FORMAT: typeof module === 'undefined' ? 'esm' : 'cjs' },
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
