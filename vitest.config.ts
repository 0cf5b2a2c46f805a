import { defineConfig } from 'vitest/config';
import { loadOfflineEnv } from './scripts/offline-env.mjs';

// On machines with no registry, scripts/offline-setup.sh writes .env.offline (local images,
// Ryuk off); elsewhere it is absent and the official images are used.
loadOfflineEnv();

export default defineConfig({
  test: {
    projects: [
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
