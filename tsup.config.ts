import { defineConfig } from 'tsup';

/**
 * One entry per `exports` subpath of package.json, plus the files the runners load by path
 * (Vitest's global setup and setup file, Jest's globalSetup, globalTeardown and setup file, and the crash-cleanup
 * watcher the stack spawns with node), which must sit next to the entries that name them. Each emits ESM,
 * CJS and types.
 */
const common = {
  entry: {
    index: 'src/public/index.ts',
    containers: 'src/public/containers.ts',
    vitest: 'src/public/vitest.ts',
    'vitest-config': 'src/public/vitest-config.ts',
    jest: 'src/public/jest.ts',
    factories: 'src/public/factories.ts',
    'vitest-global-setup': 'src/setup/vitest-global-setup.ts',
    'vitest-setup-file': 'src/setup/vitest-setup-file.ts',
    'jest-global-setup': 'src/setup/jest-global-setup.ts',
    'jest-global-teardown': 'src/setup/jest-global-teardown.ts',
    'jest-setup-file': 'src/setup/jest-setup-file.ts',
    'run-watcher-process': 'src/containers/run-watcher-process.ts',
    // The `database-config` command (package.json `bin`: dist/cli.js, the shebang is kept).
    cli: 'src/cli/main.ts',
  },
  dts: true,
  tsconfig: 'tsconfig.build.json',
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  splitting: true,
  // import.meta.url in the CommonJS build (the runner files are located relative to it).
  shims: true,
} as const;

export default defineConfig([
  { ...common, format: ['esm'], clean: true },
  // @faker-js/faker 10 ships ESM only, which Jest's CommonJS mode cannot `require` (its module
  // loader is not Node's require(esm)): the CommonJS build carries the parts it uses (Faker, the en
  // and base locales), as the production package's does with cockatiel.
  { ...common, format: ['cjs'], noExternal: ['@faker-js/faker'] },
]);
