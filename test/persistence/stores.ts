import { rmSync } from 'node:fs'
import { createPostgresPersistence } from '../../server/persistence/postgres/PostgresPersistence.js'
import { createSqlitePersistence } from '../../server/persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from '../../server/persistence/types.js'
import { makeDataDir } from '../helpers/server.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'

/** One implementation of the persistence contract, opened on an empty store for each test. */
export interface StoreKind {
  name: string
  /** A new, empty store; `reopen` opens the same data again (after `close`). */
  open(): Promise<{ store: Persistence; reopen(): Promise<Persistence> }>
  /** Frees what the kind started (the PostgreSQL server). */
  dispose(): Promise<void>
}

/** The embedded store: a SQLite file in a fresh folder per store. */
export function sqliteKind(): StoreKind {
  const dirs: string[] = []
  return {
    name: 'SQLite',
    async open() {
      const dir = makeDataDir()
      dirs.push(dir)
      return {
        store: createSqlitePersistence(dir, { durability: 'relaxed' }),
        reopen: async () => createSqlitePersistence(dir, { durability: 'relaxed' }),
      }
    },
    async dispose() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** PostgreSQL: one throwaway server for the file, a fresh database per store. */
export function postgresKind(): StoreKind & { server(): Promise<TestPostgres> } {
  let server: Promise<TestPostgres> | undefined
  const started = () => (server ??= startTestPostgres())
  return {
    name: 'PostgreSQL',
    server: started,
    async open() {
      const url = await (await started()).createDatabase()
      return {
        store: await createPostgresPersistence(url),
        reopen: () => createPostgresPersistence(url),
      }
    },
    async dispose() {
      if (server) await (await server).destroy()
    },
  }
}
