import { defineConfig } from 'vitest/config';

/**
 * The browser suite: one Chromium at a time (2-core machines), one file at a time, bounded timeouts.
 * See README.md for how to run and debug it.
 */
export default defineConfig({
  test: {
    include: ['*.e2e.test.ts'],
    globalSetup: ['./harness/global-setup.ts'],
    environment: 'node',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 90_000,
    hookTimeout: 150_000,
    teardownTimeout: 30_000,
    // A browser test that fails for a flaky reason must not hide it behind a retry.
    retry: 0,
  },
});
