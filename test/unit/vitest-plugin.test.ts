// The Vitest plugin on its own: what databaseFixtures() adds to the user's config (Vite calls its
// config hook; here it is called directly, in a worker, so the module is measured too).
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigValidationError } from 'database-config/internal';
import { databaseFixtures } from '../../src/setup/vitest.js';

type Added = { test: { globalSetup: string[]; setupFiles: string[]; provide: Record<string, unknown> } };
const added = (plugin: ReturnType<typeof databaseFixtures>) => (plugin.config as () => Added)();

describe('databaseFixtures()', () => {
  it('adds the global setup and the setup file found next to it, and provides the resolved config with its root', () => {
    const plugin = databaseFixtures({ redis: {} });
    expect(plugin.name).toBe('database-config:fixtures');
    const { test } = added(plugin);
    expect(test.globalSetup).toEqual([join(process.cwd(), 'src/setup/vitest-global-setup.ts')]);
    expect(test.setupFiles).toEqual([join(process.cwd(), 'src/setup/vitest-setup-file.ts')]);
    const provided = test.provide.databaseFixturesConfig as {
      redis?: object;
      root: string;
      postgres?: object;
    };
    expect(provided.redis).toBeDefined();
    expect(provided.postgres).toBeUndefined();
    expect(provided.root).toBe(process.cwd());
  });

  it('keeps a root given in the config', () => {
    const { test } = added(databaseFixtures({ root: '/srv/app', redis: {} }));
    expect((test.provide.databaseFixturesConfig as { root: string }).root).toBe('/srv/app');
  });

  it('validates the config when the plugin is created, every problem at once', () => {
    const error = (() => {
      try {
        databaseFixtures({ redis: { databases: 0 }, postgress: {} } as never);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toContain('fixtures.redis.databases');
    expect((error as Error).message).toContain('postgress');
  });
});
