import { configDefaults, defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Browser suites start a server and several Chromium pages that each load the editor; on a
    // busy two-core machine that can take a while.
    hookTimeout: 120_000,
    // A browser step that misses its wait on a loaded machine runs once more; a real failure
    // fails both times.
    retry: 1,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'server/**/*.test.ts',
            'client/**/*.test.ts',
            'test/**/*.test.ts',
          ],
          exclude: [...configDefaults.exclude, 'test/browser/**'],
        },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The tests inside each browser file run in a random order, printed with its seed
          // (replay with `npx vitest run <file> --sequence.seed=N`): see shuffledRunner.ts.
          runner: './test/browser/shuffledRunner.ts',
        },
      },
    ],
  },
})
