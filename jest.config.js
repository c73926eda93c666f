/**
 * Two projects: pure unit tests (fast, no services), and tests on the real services — the workflow
 * tier (test/workflow: the workflow on the dev server with fake activities, no PostgreSQL) and the
 * full-stack integration tests (test/integration).
 */
const transform = { '^.+\\.tsx?$': ['@swc/jest'] };

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 120_000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/unit/**/*.test.ts'],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      testMatch: ['<rootDir>/test/integration/**/*.test.ts', '<rootDir>/test/workflow/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 180_000,
    },
  ],
};
