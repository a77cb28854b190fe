import Database from 'better-sqlite3'
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync } from 'node:fs'
import { basename, dirname, join, resolve } from 'node:path'
import { databasePath } from './integrityCheck.js'

export class BackupError extends Error {}

export interface BackupResult {
  /** Absolute path of the copy. */
  target: string
  bytes: number
  /** Boards in the copy, deleted ones (still restorable) included. */
  boards: number
  deletedBoards: number
  /** Stored document updates in the copy. */
  updates: number
  durationMs: number
}

/** Flushes a file (or a directory entry) to disk; directories cannot be synced everywhere. */
function syncPath(path: string) {
  let fd: number | undefined
  try {
    fd = openSync(path, 'r')
    fsyncSync(fd)
  } catch {
    // Some platforms refuse to open or sync a directory; the file itself was synced already.
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

/**
 * Writes a consistent copy of the live database to `target` while a server may be writing to
 * it. The copy is one read transaction (`VACUUM INTO`) on a read-only connection: it sees the
 * database as of one commit, does not block the server's writes, and comes out compacted, in
 * rollback-journal mode, as a single self-contained file. It is written next to the target
 * under a temporary name, synced, checked and then renamed, so a failed backup never leaves a
 * partial file under the target's name.
 */
export function backupDatabase({
  dataDir,
  target,
  force = false,
}: {
  dataDir: string
  target: string
  force?: boolean
}): BackupResult {
  const started = Date.now()
  const source = databasePath(dataDir)
  const out = resolve(target)
  if (!existsSync(source)) throw new BackupError(`No database at ${source} (is DATA_DIR right?)`)
  const live = resolve(source)
  if (out === live || out === `${live}-wal` || out === `${live}-shm`) {
    throw new BackupError(`Refusing to write the backup over the live database file ${out}`)
  }
  if (existsSync(out)) {
    if (!force) throw new BackupError(`${out} already exists; pass --force to overwrite it`)
    if (statSync(out).isDirectory()) throw new BackupError(`${out} is a directory`)
  }
  if (!existsSync(dirname(out)))
    throw new BackupError(`The directory ${dirname(out)} does not exist`)

  const partial = join(dirname(out), `.${basename(out)}.${process.pid}.partial`)
  rmSync(partial, { force: true })
  try {
    const db = new Database(source, { readonly: true, fileMustExist: true })
    try {
      db.pragma('busy_timeout = 10000')
      db.prepare('VACUUM INTO ?').run(partial)
    } finally {
      db.close()
    }
    syncPath(partial)

    const copy = new Database(partial, { readonly: true, fileMustExist: true })
    let counts: { boards: number; deleted: number; updates: number }
    try {
      const check = copy.prepare('PRAGMA quick_check').pluck().all() as string[]
      if (check.length !== 1 || check[0] !== 'ok') {
        throw new BackupError(`The copy failed its check: ${check.slice(0, 5).join('; ')}`)
      }
      counts = copy
        .prepare(
          `SELECT (SELECT count(*) FROM boards) AS boards,
                  (SELECT count(*) FROM boards WHERE deleted_at IS NOT NULL) AS deleted,
                  (SELECT count(*) FROM doc_updates) AS updates`,
        )
        .get() as { boards: number; deleted: number; updates: number }
    } finally {
      copy.close()
    }

    renameSync(partial, out)
    syncPath(dirname(out))
    return {
      target: out,
      bytes: statSync(out).size,
      boards: counts.boards,
      deletedBoards: counts.deleted,
      updates: counts.updates,
      durationMs: Date.now() - started,
    }
  } catch (error) {
    rmSync(partial, { force: true })
    if (error instanceof BackupError) throw error
    const code = (error as { code?: unknown }).code
    const cause = error instanceof Error ? error.message : String(error)
    throw new BackupError(`Backup failed: ${typeof code === 'string' ? `${code}: ` : ''}${cause}`)
  }
}
