import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      'coverage/',
      'docs/',
      'prisma/generated/',
      'node_modules/',
      'images/qdrant/',
      'bench/tmp-*/',
      'examples/nest-app/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  { languageOptions: { globals: globals.node } },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Nest reads constructor parameter types at run time (emitDecoratorMetadata): a class used
    // only as such a type must stay a value import, and the e2e files keep Nest's generated imports.
    files: ['examples/nest-app/**/*.ts', 'test/packaging/projects/nest/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  { files: ['bench/nest-e2e/jest-*.cjs'], languageOptions: { globals: globals.jest } },
);
