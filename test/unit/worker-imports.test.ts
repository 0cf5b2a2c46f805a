// What a test file pays at import: the entries a test worker loads for every file (Jest
// re-evaluates them per file) must not bring testcontainers and its Docker client (~750 modules,
// ~300 ms per Jest file) nor any store driver; those load when a store is really used or started.
// The built entries are imported in a Node child whose module hooks list every package loaded.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The packages (node_modules names) that loading `specifier` with `how` brings. */
function packagesLoadedBy(specifier: string, how: 'import' | 'require'): string[] {
  const script = `
    import { registerHooks, createRequire } from 'node:module';
    const seen = new Set();
    registerHooks({ load(url, context, next) {
      const m = url.match(/node_modules\\/((@[^/]+\\/)?[^/]+)/);
      if (m) seen.add(m[1]);
      return next(url, context);
    } });
    const require = createRequire(${JSON.stringify(`${ROOT}package.json`)});
    ${how === 'import' ? `await import(${JSON.stringify(specifier)});` : `require(${JSON.stringify(specifier)});`}
    process.stdout.write(JSON.stringify([...seen]));
  `;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return JSON.parse(out) as string[];
}

const HEAVY = [
  'testcontainers',
  '@testcontainers/postgresql',
  'dockerode',
  'undici',
  'mongoose',
  'mongodb',
  'ioredis',
  '@qdrant/js-client-rest',
  '@prisma/client',
  // Bundled from zod/mini into database-config's dist (~55 KB); the zod package (~850 KB) never loads.
  'zod',
];

/** Also not loaded by a test file's entries (the runners' global setups may load them, once per run). */
const WORKER_UNUSED = [
  // The production manager's retries and breakers (28 ES modules): no fixture uses them.
  'cockatiel',
  // The lock of an on-demand store start (it brings graceful-fs, which patches fs, and signal-exit,
  // which installs signal handlers in every worker): loaded only when a store must be started.
  'proper-lockfile',
  'signal-exit',
];

describe('what a test file loads at import', () => {
  it.each([
    ['database-config-testing/jest', 'import'],
    ['database-config-testing/jest', 'require'],
    ['database-config-testing/factories', 'import'],
    ['database-config-testing', 'import'],
  ] as const)('%s (%s) loads no container runtime and no store driver', (specifier, how) => {
    const loaded = packagesLoadedBy(specifier, how);
    // The entry's own light dependencies are there (the check sees packages at all)...
    expect(loaded).toContain('debug');
    // ...the heavy ones are not, nor what only a production manager or a store's start uses.
    expect(loaded.filter((name) => [...HEAVY, ...WORKER_UNUSED].includes(name))).toEqual([]);
  });

  // The runners' global setups load testcontainers only when a container starts: a run on
  // external servers (DBC_<STORE>_URL, CI service containers) never pays its ~800 modules.
  it.each([
    [`${ROOT}dist/jest-global-setup.cjs`, 'require'],
    [`${ROOT}dist/vitest-global-setup.js`, 'import'],
    ['database-config-testing/vitest/config', 'import'],
  ] as const)('%s (%s) loads no container runtime', (specifier, how) => {
    const loaded = packagesLoadedBy(specifier, how);
    expect(loaded).toContain('debug');
    expect(loaded.filter((name) => HEAVY.includes(name))).toEqual([]);
  });
});
