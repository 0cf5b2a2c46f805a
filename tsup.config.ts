import { defineConfig } from 'tsup';

/** One entry per `exports` subpath of package.json; each emits ESM, CJS and types. */
export default defineConfig({
  entry: {
    index: 'src/public/index.ts',
    containers: 'src/public/containers.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  tsconfig: 'tsconfig.build.json',
  target: 'node22',
  platform: 'node',
  sourcemap: true,
  clean: true,
  splitting: true,
});
