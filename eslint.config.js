// Lint: typescript-eslint's recommended rules plus import zones that mirror the process boundaries
// (the same rules test/unit/boundaries.test.ts enforces in `npm test`).
import tseslint from 'typescript-eslint';

const electron = { group: ['electron', 'electron/*', 'electron-store'], message: 'Electron lives only in src-main/.' };

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'out/',
      'dist/',
      '.tsbuild/',
      'coverage/',
      'test-results/',
      'playwright-report/',
      'bench/results/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'separate-type-imports' }],
      'no-throw-literal': 'error',
    },
  },
  {
    files: ['src/**/*.ts', 'shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [electron] }] },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electron,
            { group: ['node:*'], message: 'The renderer has no Node.js.' },
            {
              group: ['**/src/**', '**/src-main/**'],
              allowTypeImports: true,
              message: 'The renderer may import only types from the core.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
