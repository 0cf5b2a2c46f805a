/// <reference types="vitest/config" />
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { SetupError } from 'database-config/internal';
import { defineDatabaseFixtures, type DatabaseFixturesConfig } from './fixture-config.js';

/** A runner module next to this one: built `.js` in the package, `.ts` in this repository. */
function runnerModule(name: string): string {
  for (const ext of ['js', 'ts']) {
    const path = fileURLToPath(new URL(`./${name}.${ext}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new SetupError({ reason: 'runner-file-missing', file: name, nextTo: 'the plugin' });
}

/**
 * The Vitest plugin: validates the fixture config (all problems at once, before anything starts)
 * and adds a global setup that starts the configured stores in parallel, applies migrations once
 * and provides the connection details to every worker, and a setup file that isolates every test
 * file of the project (one that only imports the application too: its clients built through
 * `database-config` get the worker's namespaces and are reset after every test).
 *
 * @example
 * // vitest.config.ts
 * export default defineConfig({ plugins: [databaseFixtures({ postgres: { migrations: './prisma/migrations' }, redis: {} })] });
 */
export function databaseFixtures(config: DatabaseFixturesConfig): Plugin {
  const resolved = defineDatabaseFixtures(config);
  return {
    name: 'database-config:fixtures',
    config: () => ({
      test: {
        globalSetup: [runnerModule('vitest-global-setup')],
        // Scopes every file, also one that only builds the application under test.
        setupFiles: [runnerModule('vitest-setup-file')],
        provide: { databaseFixturesConfig: { ...resolved, root: resolved.root ?? process.cwd() } },
      },
    }),
  };
}
