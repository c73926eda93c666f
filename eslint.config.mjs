// Workflow code runs in Temporal's deterministic sandbox: no Node builtins, no I/O libraries.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'web/dist/', 'web/vite.config.mts', 'web/src/schema.d.ts', 'data/', '.data/', 'db/migrations/', 'coverage/', '*.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // The staff workspace: browser code, type-checked against its own tsconfig (web/tsconfig.json).
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Code bundled into the workflow sandbox (workflows and the pure domain rules they import).
    files: ['workflows/**/*.ts', 'domain/**/*.ts', 'bench/raw-workflow.ts', 'test/support/notification-workflow.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code must be deterministic: no Node builtins.' })),
            { name: 'pg', message: 'No database access from workflow code; use an activity.' },
            { name: 'express', message: 'No HTTP from workflow code.' },
            { name: 'drizzle-orm', message: 'No database access from workflow code; use an activity.' },
            { name: '@temporalio/activity', message: 'Activities are imported as types only (proxyActivities).' },
            { name: '@temporalio/client', message: 'Workflow code does not use the client.' },
            { name: '@temporalio/worker', message: 'Workflow code does not use the worker.' },
          ],
          patterns: [
            { group: ['drizzle-orm/*', 'pg/*', '../db/*', '../api/*', '../runtime/*', '../notifications/*'], message: 'Not allowed in workflow code.' },
            { group: ['../activities', '../activities/*'], allowTypeImports: true, message: 'Import activities as types only: `import type`.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'process', 'require', 'Buffer'],
    },
  },
  {
    // Pure rules take the time as an argument, so that they are testable and usable outside workflows.
    files: ['domain/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Domain rules take the current time as an argument.' }],
    },
  },
  {
    // Tests read loosely typed HTTP bodies.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
