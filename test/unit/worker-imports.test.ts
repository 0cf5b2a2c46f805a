// What a test file pays at import: the entries a test worker loads for every file (Jest
// re-evaluates them per file) must not bring testcontainers and its Docker client (~750 modules,
// ~300 ms per Jest file) nor any store driver; those load when a store is really used or started.
// The built entries are imported in a Node child whose module hooks list every package loaded.
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../..', import.meta.url).pathname;

/** The files (URLs) that loading `specifier` with `how` brings (after `prelude`, a statement). */
function filesLoadedBy(specifier: string, how: 'import' | 'require', prelude = ''): string[] {
  const script = `
    import { registerHooks, createRequire } from 'node:module';
    ${prelude}
    const seen = new Set();
    registerHooks({ load(url, context, next) {
      seen.add(url);
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

/** The packages (node_modules names) that loading `specifier` with `how` brings. */
function packagesLoadedBy(specifier: string, how: 'import' | 'require'): string[] {
  const names = filesLoadedBy(specifier, how).map(
    (url) => url.match(/node_modules\/((@[^/]+\/)?[^/]+)/)?.[1],
  );
  return [...new Set(names.filter((name) => name !== undefined))];
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

  // Jest evaluates its setup file again for every test file, and in ESM mode the test imports the
  // ESM build beside it: the setup file brings no package, and of database-config only the light
  // entry (the test overrides and store names), not the config's ~130 KB chunk with zod.
  it("the Jest preset's setup file loads no package and only database-config's light entry", () => {
    // The hooks it registers are jest-circus's globals: stand-ins here.
    const hooks =
      "for (const h of ['beforeAll', 'afterAll', 'beforeEach', 'afterEach']) globalThis[h] = () => {};";
    const files = filesLoadedBy(`${ROOT}dist/jest-setup-file.cjs`, 'require', hooks);
    const production = files.filter((url) => url.includes('/packages/database-config/dist/'));
    expect(files.filter((url) => url.includes('/node_modules/'))).toEqual([]);
    expect(production.map((url) => url.split('/dist/')[1])).toContain('internal-overrides.cjs');
    expect(production.map((url) => url.split('/dist/')[1])).not.toContain('internal.cjs');
    // Its chunks are small: the store names and the overrides.
    expect(production.length).toBeLessThanOrEqual(2);
  });
});
