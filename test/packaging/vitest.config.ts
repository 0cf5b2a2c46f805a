// The packaging suite's own config (npm run test:packaging; npm test runs it last): it packs and
// installs the packages and runs other projects' runners, so it runs alone, not among the
// repository's projects in vitest.config.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { loadOfflineEnv } from '../../scripts/offline-env.mjs';

// The image overrides and TESTCONTAINERS_RYUK_DISABLED of machines with no registry reach the
// projects' runs through the environment.
loadOfflineEnv();

export default defineConfig({
  test: {
    name: 'packaging',
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/packaging/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
