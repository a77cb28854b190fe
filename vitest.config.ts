import { configDefaults, defineConfig } from 'vitest/config'

/** The end-to-end suites the `postgres` project runs against servers on PostgreSQL. */
const PostgresSuites = [
  'test/api/boards.test.ts',
  'test/api/boardOwnership.test.ts',
  'test/api/access.test.ts',
  'test/api/assetAccess.test.ts',
  'test/api/tokens.test.ts',
  'test/api/tracker.test.ts',
  'test/api/workshop.test.ts',
  'test/api/hypotheses.test.ts',
  'test/api/hypothesisLedger.test.ts',
  'test/api/valueStreams.test.ts',
  'test/api/metricLinks.test.ts',
  'test/api/comments.test.ts',
  'test/api/versions.test.ts',
  'test/api/mcp.test.ts',
  'test/api/webhooks.test.ts',
  'test/api/projects.test.ts',
  'test/api/checkins.test.ts',
  'test/api/sources.test.ts',
  'test/sync/commentsSync.test.ts',
  'test/sync/roles.test.ts',
  'test/sync/locks.test.ts',
  'test/sync/privateDrafts.test.ts',
  'test/sync/measurements.test.ts',
  'test/sync/sync.test.ts',
  'test/sync/boardTitle.test.ts',
  'test/sync/largeBoardLoad.test.ts',
]

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
          globalSetup: ['test/helpers/postgresGlobalSetup.ts'],
        },
      },
      {
        // End-to-end API and sync tests again, with every server on PostgreSQL instead of
        // SQLite: the features work the same on both stores.
        extends: true,
        test: {
          name: 'postgres',
          include: PostgresSuites,
          env: { TEST_STORE: 'postgres' },
          globalSetup: ['test/helpers/postgresGlobalSetup.ts'],
          setupFiles: ['test/helpers/postgresProjectSetup.ts'],
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
