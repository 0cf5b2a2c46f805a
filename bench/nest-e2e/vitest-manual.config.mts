// The Nest example's Vitest suite without the library: the hand-cleaned variant of bench/nest-e2e.ts.
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: new URL('../../examples/nest-app', import.meta.url).pathname,
  plugins: [swc.vite({ module: { type: 'es6' } })],
  test: {
    globals: true,
    include: ['test/**/*.e2e-spec.ts'],
    setupFiles: [new URL('./vitest-cleanup.mts', import.meta.url).pathname],
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
