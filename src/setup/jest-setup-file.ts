// Jest setup file of the database-config preset (setupFilesAfterEnv, loaded by path next to the
// preset's other runner files): the per-test hooks live with the fixtures.
import { registerJestHooks } from '../fixtures/jest/setup-file-hooks.js';

registerJestHooks();
