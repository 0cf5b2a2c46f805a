// Vitest setup file added by the databaseFixtures() plugin (loaded by path, next to the plugin):
// the per-test hooks live with the fixtures.
import { registerVitestHooks } from '../fixtures/vitest/setup-file-hooks.js';

registerVitestHooks();
