/** Two projects: pure unit tests (fast, no services) and integration tests on the real stack. */
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
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      testTimeout: 180_000,
    },
  ],
};
