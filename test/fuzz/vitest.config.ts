// The isolation fuzz's own Vitest config: the isolation project's stores and leak check, over the
// files test/fuzz/generate.ts wrote. test/fuzz/run.ts runs it (workers, isolate, shuffle seed on
// the command line); it is not part of the repository's vitest.config.ts projects.
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vitest/config';
import { CATALOG_COLLECTIONS } from '../../examples/catalog/src/embeddings.js';
import { databaseFixtures } from '../../src/public/vitest.js';
import { loadOfflineEnv } from '../../scripts/offline-env.mjs';

loadOfflineEnv();

/** Adds the fuzz's global setup after the plugin's, which provides the stack it reads. */
const readTemplates: Plugin = {
  name: 'fuzz:read-templates',
  config: () => ({ test: { globalSetup: [fileURLToPath(new URL('./global-setup.ts', import.meta.url))] } }),
};

export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  plugins: [
    databaseFixtures({
      postgres: { migrations: './prisma/migrations' },
      mongodb: { migrations: './mongo-migrations' },
      redis: {},
      qdrant: { collections: CATALOG_COLLECTIONS },
      isolation: { leakCheck: true, keepOnFailure: false },
    }),
    readTemplates,
  ],
  test: {
    include: ['test/fuzz/.generated/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
