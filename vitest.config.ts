import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Keeps the tests' temporary folders in one place that is removed after the run.
    globalSetup: ['tests/global-temp-dir.ts'],
  },
});
