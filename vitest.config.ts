import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { CATALOG_COLLECTIONS } from './examples/catalog/src/embeddings.js';
import { databaseFixtures } from './src/public/vitest-config.js';
import { loadOfflineEnv } from './scripts/offline-env.mjs';

// On machines with no registry, scripts/offline-setup.sh writes .env.offline (local images,
// Ryuk off); elsewhere it is absent and the official images are used.
loadOfflineEnv();

// The production package's sources, as tsconfig.json's paths say (Jest runs against the built packages).
const production = (file: string) =>
  fileURLToPath(new URL(`./packages/database-config/src/${file}`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^database-config$/, replacement: production('index.ts') },
      { find: /^database-config\/internal$/, replacement: production('internal.ts') },
      { find: /^database-config\/nestjs$/, replacement: production('nestjs/index.ts') },
      // The examples import this package by name, as a user's project would; here, its sources.
      {
        find: /^database-config-testing\/factories$/,
        replacement: fileURLToPath(new URL('./src/public/factories.ts', import.meta.url)),
      },
    ],
  },
  test: {
    projects: [
      // Type tests (fixture and factory types): tsc over test/types, nothing runs.
      {
        extends: true,
        test: {
          name: 'types',
          include: [],
          typecheck: {
            enabled: true,
            only: true,
            include: ['test/types/**/*.test-d.ts'],
            tsconfig: 'tsconfig.json',
          },
        },
      },
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts', 'src/**/*.test.ts'] } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        plugins: [
          databaseFixtures({
            postgres: { migrations: './prisma/migrations' },
            mongodb: { migrations: './mongo-migrations' },
            redis: {},
            qdrant: { collections: CATALOG_COLLECTIONS },
            // This project's own tests check every reset.
            isolation: { leakCheck: true },
          }),
        ],
        test: {
          name: 'isolation',
          include: ['test/isolation/**/*.test.ts'],
          maxWorkers: 2,
          // Worker-scoped fixtures (one Prisma client and one database per worker) last across files.
          isolate: false,
          testTimeout: 30_000,
          hookTimeout: 180_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'smoke',
          include: ['test/smoke/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
