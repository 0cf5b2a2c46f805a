/// <reference types="vitest/config" />
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineDatabaseFixtures, type DatabaseFixturesConfig } from './fixture-config.js';

/** The global setup module next to this one: built `.js` in the package, `.ts` in this repository. */
function globalSetupPath(): string {
  for (const ext of ['js', 'ts']) {
    const path = fileURLToPath(new URL(`./vitest-global-setup.${ext}`, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(
    'database-config: vitest-global-setup is missing next to the plugin; reinstall database-config-testing.',
  );
}

/**
 * The Vitest plugin: validates the fixture config (all problems at once, before anything starts)
 * and adds a global setup that starts the configured stores in parallel, applies migrations once
 * and provides the connection details to every worker.
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
        globalSetup: [globalSetupPath()],
        provide: { databaseFixturesConfig: { ...resolved, root: resolved.root ?? process.cwd() } },
      },
    }),
  };
}
