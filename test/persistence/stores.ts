import Database from 'better-sqlite3'
import { rmSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { createPostgresPersistence } from '../../server/persistence/postgres/PostgresPersistence.js'
import {
  createSqlitePersistence,
  DatabaseFileName,
  type Durability,
} from '../../server/persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from '../../server/persistence/types.js'
import { makeDataDir } from '../helpers/server.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'

/** One implementation of the persistence contract, opened on an empty store for each test. */
export interface StoreKind {
  name: string
  /** A new, empty store; `reopen` opens the same data again (after `close`). */
  open(): Promise<{
    store: Persistence
    reopen(): Promise<Persistence>
    /** Runs one SQL statement on the same data, beside the store, and answers its rows. */
    sql(statement: string): Promise<Record<string, unknown>[]>
  }>
  /** Frees what the kind started (the PostgreSQL server). */
  dispose(): Promise<void>
}

/**
 * The embedded store: a SQLite file in a fresh folder per store. Relaxed by default; with full
 * durability document updates go through the group commit (one transaction and one WAL sync for
 * the updates of a turn).
 */
export function sqliteKind(durability: Durability = 'relaxed'): StoreKind {
  const dirs: string[] = []
  return {
    name: durability === 'full' ? 'SQLite (full durability)' : 'SQLite',
    async open() {
      const dir = makeDataDir()
      dirs.push(dir)
      return {
        store: createSqlitePersistence(dir, { durability }),
        reopen: async () => createSqlitePersistence(dir, { durability }),
        async sql(statement) {
          const db = new Database(join(dir, DatabaseFileName))
          try {
            const query = db.prepare<[], Record<string, unknown>>(statement)
            if (query.reader) return query.all()
            query.run()
            return []
          } finally {
            db.close()
          }
        },
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
        async sql(statement) {
          const client = new pg.Client({ connectionString: url })
          await client.connect()
          try {
            return (await client.query<Record<string, unknown>>(statement)).rows
          } finally {
            await client.end()
          }
        },
      }
    },
    async dispose() {
      if (server) await (await server).destroy()
    },
  }
}
