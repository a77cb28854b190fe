import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['shared/**/*.test.ts', 'server/**/*.test.ts', 'client/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // Browser suites start a server and several Chromium pages that each load the editor; on a
    // busy two-core machine that can take a while.
    hookTimeout: 120_000,
    // A browser step that misses its wait on a loaded machine runs once more; a real failure
    // fails both times.
    retry: 1,
    pool: 'forks',
    maxWorkers: 2,
  },
})
