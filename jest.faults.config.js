/**
 * The fault run (`npm run test:faults`): complaints driven through worker kills and a PostgreSQL
 * outage, on the same real services as the integration tests. Kept out of `npm test` for its length;
 * CI runs it with bounded sizes (FAULT_COMPLAINTS, FAULT_DB_OUTAGE_SECONDS).
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.tsx?$': ['@swc/jest'] },
  testMatch: ['<rootDir>/test/faults/**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 600_000,
};
