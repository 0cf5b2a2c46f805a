// Type tests only: `npx vitest run --config test/types/vitest.config.ts` runs tsc over test/types/**/*.test-d.ts.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: [],
    typecheck: {
      enabled: true,
      only: true,
      include: ['test/types/**/*.test-d.ts'],
      tsconfig: 'tsconfig.json',
    },
  },
});
