import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Board } from '../../shared/api/boards.js'
import { loadConfig } from '../config.js'
import { draftPrefix } from '../drafts/draftIds.js'
import {
  copyTable,
  countMismatches,
  lockTables,
  occupiedTables,
  planCopy,
  resetSequences,
  SchemaMismatchError,
} from '../persistence/postgres/copyFromSqlite.js'
import {
  createPostgresPersistence,
  loadPostgresDocument,
} from '../persistence/postgres/PostgresPersistence.js'
import { createPostgresPool, type Tx } from '../persistence/postgres/postgresPool.js'
import { databasePath, serverAppearsRunning } from '../persistence/sqlite/integrityCheck.js'
import { createSqlitePersistence } from '../persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from '../persistence/types.js'
import { formatBytes, isEntryPoint, processIo, runMain, type CliIo } from './cliSupport.js'
import { compareDocuments, type DocumentCheck } from './migrationCheck.js'

const Usage = `Usage: DATA_DIR=<dir> DATABASE_URL=postgres://… npm run migrate-to-postgres

Copies everything the server keeps in the SQLite file in DATA_DIR (boards, their documents,
keys, tokens, images, the tracker index and workshops) into the empty PostgreSQL database
DATABASE_URL, in one transaction. Before it commits, it loads every board from both stores and
compares the document and the markdown export; on any difference nothing is written.
Stop the server first. The SQLite file is only read (its schema is brought up to date, as the
server would). Then start the server with DATABASE_URL set.`

/** The URL without its password, for messages. */
function redact(url: string): string {
  try {
    const parsed = new URL(url)
    if (parsed.password) parsed.password = '***'
    return parsed.toString()
  } catch {
    return 'DATABASE_URL'
  }
}

const describe = (error: unknown): string => {
  if (error instanceof AggregateError && error.errors.length > 0) return describe(error.errors[0])
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return error.message || (typeof code === 'string' ? code : error.name)
}

/** The boards of a store, live and deleted, oldest first. */
async function allBoards(store: Persistence): Promise<Board[]> {
  const boards = [
    ...(await store.listBoards({ deleted: false })),
    ...(await store.listBoards({ deleted: true })),
  ]
  return boards.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
}

/**
 * How one stored document compares, loaded from the SQLite store and, inside the copy's
 * transaction, the way the PostgreSQL store loads it; for a board, with its title and export.
 */
async function checkDocument(
  source: Persistence,
  tx: Tx,
  id: string,
  board?: { title: string; now: number },
): Promise<DocumentCheck> {
  const copied = board
    ? (await tx.query<{ title: string }>('SELECT title FROM boards WHERE id = $1', [id])).rows[0]
    : undefined
  if (board && !copied) return { status: 'mismatch', problem: 'the board is missing in PostgreSQL' }
  return compareDocuments(
    await source.loadDocument(id),
    await loadPostgresDocument(tx, id),
    board && copied && { sourceTitle: board.title, targetTitle: copied.title, now: board.now },
  )
}

/**
 * Compares every board (deleted ones too) with its people's drafts, and any other stored
 * document, printing a line per board. Returns the ids that differ.
 */
async function verify(source: Persistence, tx: Tx, io: CliIo): Promise<string[]> {
  const boards = await allBoards(source)
  // One time for both exports: the verdicts they show are judged at it.
  const now = Date.now()
  const failed: string[] = []
  const checked = new Set<string>()
  for (const [i, board] of boards.entries()) {
    const deleted = board.deletedAt ? ', deleted' : ''
    const name = `board ${i + 1}/${boards.length} ${board.title} (${board.id}${deleted})`
    const ids = [board.id, ...(await source.listDocuments(draftPrefix(board.id)))]
    const results: { id: string; check: DocumentCheck }[] = []
    for (const id of ids) {
      checked.add(id)
      const asBoard = id === board.id ? { title: board.title, now } : undefined
      results.push({ id, check: await checkDocument(source, tx, id, asBoard) })
    }
    const wrong = results.flatMap(({ id, check }) =>
      check.status === 'mismatch' ? [`${id === board.id ? '' : `${id}: `}${check.problem}`] : [],
    )
    if (wrong.length > 0) {
      failed.push(board.id)
      io.out(`${name}: DIFFERS: ${wrong.join('; ')}`)
    } else if (results.some(({ check }) => check.status === 'unreadable')) {
      io.out(
        `${name}: copied as stored, but it cannot be loaded (npm run doctor on the SQLite file)`,
      )
    } else {
      const drafts = ids.length > 1 ? `, with ${ids.length - 1} private drafts` : ''
      io.out(`${name}: ok${drafts}`)
    }
  }
  // Documents without a board row (left by an older version): copied and compared all the same.
  const others = (await source.listDocuments('')).filter((id) => !checked.has(id))
  for (const id of others) {
    const check = await checkDocument(source, tx, id)
    if (check.status !== 'mismatch') continue
    failed.push(id)
    io.out(`document ${id} (no board): DIFFERS: ${check.problem}`)
  }
  if (others.length > 0) io.out(`${others.length} stored documents without a board: compared`)
  return failed
}

interface Copied {
  boards: number
  deleted: number
  updates: number
  assets: number
  bytes: number
}

/**
 * Copies the SQLite file in `dataDir` into `url` in one transaction and verifies it before the
 * commit. Returns the exit code.
 */
async function migrate(dataDir: string, url: string, io: CliIo): Promise<number> {
  const started = Date.now()
  const target = redact(url)
  let pgStore: Persistence
  try {
    // Opening the store creates or upgrades the PostgreSQL schema.
    pgStore = await createPostgresPersistence(url, { maxConnections: 1 })
  } catch (error) {
    io.err(`Cannot open the PostgreSQL database ${target}: ${describe(error)}`)
    return 1
  }
  let source: Persistence
  let sqlite: Database.Database
  try {
    // The file's schema is brought up to date first, as the server would at start-up.
    source = createSqlitePersistence(dataDir)
  } catch (error) {
    await pgStore.close()
    io.err(`Cannot open ${databasePath(dataDir)}: ${describe(error)}`)
    return 1
  }
  try {
    // Its own read-only connection: one consistent snapshot of the file, read in batches.
    sqlite = new Database(databasePath(dataDir), { readonly: true, fileMustExist: true })
    sqlite.pragma('busy_timeout = 5000')
  } catch (error) {
    await Promise.all([source.close(), pgStore.close()])
    io.err(`Cannot open ${databasePath(dataDir)}: ${describe(error)}`)
    return 1
  }
  const pool = createPostgresPool(url, { max: 1 })
  let tx: Tx | undefined
  try {
    sqlite.exec('BEGIN')
    tx = await pool.connect()
    await tx.query('BEGIN')
    const plan = await planCopy(sqlite, tx)
    await lockTables(tx, plan.tables)
    const occupied = await occupiedTables(tx, plan.tables)
    if (occupied.length > 0) {
      await tx.query('ROLLBACK')
      const boards = occupied.find((o) => o.table === 'boards')?.rows ?? 0
      io.err(
        `The PostgreSQL database ${target} is not empty (${boards} boards; ` +
          `${occupied.map((o) => `${o.table}: ${o.rows} rows`).join(', ')}). ` +
          'This command copies into an empty database only: it never merges or overwrites. ' +
          'To start over, drop and recreate that database (dropdb and createdb, or DROP DATABASE ' +
          'and CREATE DATABASE), or point DATABASE_URL at a new, empty one. Nothing was changed.',
      )
      return 1
    }

    io.out(`Copying ${databasePath(dataDir)} to ${target}`)
    const copied: Copied = { boards: 0, deleted: 0, updates: 0, assets: 0, bytes: 0 }
    for (const table of plan.tables) {
      const result = await copyTable(sqlite, tx, table)
      copied.bytes += result.bytes
      if (table.table === 'boards') copied.boards = result.rows
      if (table.table === 'doc_updates') copied.updates = result.rows
      if (table.table === 'assets') copied.assets = result.rows
      io.out(`  ${table.table}: ${result.rows} rows (${formatBytes(result.bytes)})`)
    }
    copied.deleted = (await source.listBoards({ deleted: true })).length
    await resetSequences(tx, plan.tables)
    if (plan.quarantined > 0) {
      io.out(
        `  left behind: ${plan.quarantined} stored updates quarantined by npm run doctor ` +
          '(never loaded; they stay in the SQLite file)',
      )
    }

    io.out('Comparing every board in both stores:')
    const counts = await countMismatches(tx, plan.tables)
    for (const line of counts) io.out(`  rows differ: ${line}`)
    const failed = await verify(source, tx, io)
    if (failed.length > 0 || counts.length > 0) {
      await tx.query('ROLLBACK')
      io.err(
        `The copy differs from the SQLite file${failed.length ? ` for ${failed.join(', ')}` : ''}: ` +
          `nothing was written to ${target} (the transaction was rolled back). ` +
          'Check the SQLite file with npm run doctor, and report this with the lines above.',
      )
      return 1
    }
    await tx.query('COMMIT')

    // Read back through the store the server will use.
    const [before, after] = [await allBoards(source), await allBoards(pgStore)]
    const sameBoards = JSON.stringify(before) === JSON.stringify(after)
    if (!sameBoards) {
      io.err(
        `After the commit, the server's store lists ${after.length} boards in ${target}, ` +
          `the SQLite file ${before.length}, or their details differ. ` +
          'To start over, drop and recreate that database and run this command again.',
      )
      return 1
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1)
    io.out(
      `Migrated ${copied.boards} boards (${copied.deleted} deleted), ${copied.updates} stored ` +
        `updates, ${copied.assets} images, ${formatBytes(copied.bytes)} in ${seconds} s.`,
    )
    io.out(
      'Start the server with DATABASE_URL set. The SQLite file is no longer used: keep it as a ' +
        'backup until you are satisfied.',
    )
    return 0
  } catch (error) {
    if (tx) await tx.query('ROLLBACK').catch(() => undefined)
    const what =
      error instanceof SchemaMismatchError ? error.message : `The copy failed: ${describe(error)}`
    io.err(`${what} Nothing was written to ${target}.`)
    return 1
  } finally {
    tx?.release()
    await pool.end()
    if (sqlite.inTransaction) sqlite.exec('ROLLBACK')
    sqlite.close()
    await source.close()
    await pgStore.close()
  }
}

/** `npm run migrate-to-postgres`; returns the exit code. */
export async function migrateToPostgresMain(
  argv: string[],
  env: Record<string, string | undefined> = process.env,
  io: CliIo = processIo,
): Promise<number> {
  let help: boolean | undefined
  try {
    ;({
      values: { help },
    } = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h' } } }))
  } catch (error) {
    io.err(`${describe(error)}\n\n${Usage}`)
    return 2
  }
  if (help) {
    io.out(Usage)
    return 0
  }
  let config: ReturnType<typeof loadConfig>
  try {
    config = loadConfig(env)
  } catch (error) {
    io.err(describe(error))
    return 1
  }
  const { dataDir, databaseUrl } = config
  if (!databaseUrl) {
    io.err(`DATABASE_URL is not set: name the PostgreSQL database to copy into.\n\n${Usage}`)
    return 1
  }
  if (!existsSync(databasePath(dataDir))) {
    io.err(
      `No SQLite database at ${databasePath(dataDir)}: set DATA_DIR to the server's data directory.`,
    )
    return 1
  }
  const running = serverAppearsRunning(dataDir)
  if (running.running) {
    io.err(
      `A server appears to be running on ${databasePath(dataDir)} (pid ${running.marker?.pid ?? '?'}` +
        `${running.marker?.host ? ` on ${running.marker.host}` : ''}): stop it first, so that no ` +
        'edit made during the copy is left behind, and keep it stopped until the copy is done.',
    )
    return 1
  }
  return migrate(dataDir, databaseUrl, io)
}

if (isEntryPoint(import.meta.url)) runMain(() => migrateToPostgresMain(process.argv.slice(2)))
