// The same e2e files under Vitest: SWC compiles them (esbuild, Vitest's default, emits no
// decorator metadata, which Nest's injection needs), the plugin starts the stores and isolates
// every file, also these that import only the app. Run from this folder: the fixture config's
// paths resolve against the working directory.
import { readFileSync } from 'node:fs';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';
import { databaseFixtures } from 'database-config-testing/vitest/config';

export default defineConfig({
  plugins: [
    swc.vite({ module: { type: 'es6' } }),
    databaseFixtures({
      postgres: { migrations: '../../prisma/migrations' },
      mongodb: { migrations: '../../mongo-migrations' },
      redis: {},
      qdrant: { collections: JSON.parse(readFileSync('../catalog/collections.json', 'utf8')) },
    }),
  ],
  test: {
    globals: true,
    include: ['test/**/*.e2e-spec.ts'],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
