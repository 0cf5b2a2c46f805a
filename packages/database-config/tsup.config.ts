import { defineConfig } from 'tsup';

/**
 * The production package: the public entry, the NestJS one (database-config/nestjs) and the internal
 * ones the testing package imports (database-config/internal and its light part,
 * database-config/internal/overrides). The NestJS sources use explicit @Inject(token) on every
 * constructor parameter, so esbuild's lack of decorator metadata does not matter.
 * cockatiel 4 ships ESM only, and Jest's CommonJS mode cannot `require` it (Node's require(esm)
 * is not Jest's module loader), so the CommonJS build carries its own copy of it.
 * zod is bundled from its tree-shakable build (src/config/zod.ts says why): the declarations still
 * name zod's types, so it stays a dependency.
 */
const bundled = [/^zod(\/|$)/];
const common = {
  entry: {
    index: 'src/index.ts',
    internal: 'src/internal.ts',
    // The setup files' light part of internal (src/internal-overrides.ts says why).
    'internal-overrides': 'src/internal-overrides.ts',
    nestjs: 'src/nestjs/index.ts',
  },
  tsconfig: 'tsconfig.build.json',
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  splitting: true,
  shims: true,
} as const;

export default defineConfig([
  { ...common, format: ['esm'], dts: true, clean: true, noExternal: bundled },
  { ...common, format: ['cjs'], dts: true, noExternal: [...bundled, 'cockatiel'] },
]);
