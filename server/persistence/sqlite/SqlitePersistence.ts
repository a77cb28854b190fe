import Database from 'better-sqlite3'
import { closeSync, fdatasync, mkdirSync, openSync } from 'node:fs'
import { join } from 'node:path'
import type { Board } from '../../../shared/api/boards.js'
import type { Persistence, StoredAsset, StoredDocument, StoredToken } from '../types.js'
import { createSqliteAccessStore } from './sqliteAccess.js'
import { createSqliteHypothesisIndex } from './sqliteHypothesisIndex.js'
import { createSqliteProjectIndex } from './sqliteProjectIndex.js'
import { createSqliteVersionStore } from './sqliteVersions.js'
import { createSqliteWebhookStore } from './sqliteWebhooks.js'
import { createSqliteMetricSourceStore } from './sqliteMetricSources.js'
import { migrateSqlite } from './sqliteMigrations.js'

interface BoardRow {
  id: string
  title: string
  created_at: number
  updated_at: number
  deleted_at: number | null
  deleted_by: string | null
}

interface TokenRow {
  id: string
  board_id: string
  name: string
  hash: string
  created_at: number
  revoked_at: number | null
}

const toToken = (row: TokenRow): StoredToken => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
})

/** Marking a board edited on every keystroke would double the writes; once a second is plenty. */
const TOUCH_INTERVAL_MS = 1000

const toBoard = (row: BoardRow): Board => ({
  id: row.id,
  title: row.title,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at).toISOString(),
  deletedBy: row.deleted_at === null ? null : row.deleted_by,
})

/** The database file inside `DATA_DIR`. */
export const DatabaseFileName = 'discovery-board.sqlite'

/**
 * `full`: an update is acknowledged (applied and relayed) only once the write-ahead log that
 * holds it is synced to disk, so it survives a power cut; one sync covers every update written
 * before it started. `relaxed`: acknowledged once it is in the WAL (survives a killed process);
 * the disk is synced at checkpoints, so a power cut can lose the last moments.
 */
export type Durability = 'full' | 'relaxed'

export interface SqliteOptions {
  durability?: Durability
}

/**
 * The embedded store: one SQLite file in WAL mode. Writes are committed at once, without
 * waiting for the disk, except document updates with full durability: `appendUpdate` queues
 * the update, the updates of one event-loop turn are committed together, and it resolves once
 * a sync of the WAL after that commit has finished (the sync runs off the event loop, so the
 * server keeps serving while the disk works, and updates arriving meanwhile share the next
 * commit and sync). With relaxed durability it commits and returns the sequence number at once.
 */
export function createSqlitePersistence(
  dataDir: string,
  { durability = 'full' }: SqliteOptions = {},
): Persistence {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(join(dataDir, DatabaseFileName))
  db.pragma('journal_mode = WAL')
  // Commits never wait for the disk on the event loop; full durability syncs the WAL itself.
  db.pragma('synchronous = NORMAL')
  db.pragma('busy_timeout = 5000')
  db.pragma('foreign_keys = ON')
  try {
    migrateSqlite(db)
  } catch (error) {
    db.close()
    throw error
  }
  const access = createSqliteAccessStore(db)

  const lastTouched = new Map<string, number>()
  const stmt = {
    listLive: db.prepare<[], BoardRow>(
      'SELECT * FROM boards WHERE deleted_at IS NULL ORDER BY updated_at DESC, id',
    ),
    listDeleted: db.prepare<[number], BoardRow>(
      'SELECT * FROM boards WHERE deleted_at IS NOT NULL AND deleted_at >= ? ORDER BY deleted_at DESC',
    ),
    get: db.prepare<[string], BoardRow>('SELECT * FROM boards WHERE id = ?'),
    insert: db.prepare(
      'INSERT INTO boards (id, title, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, NULL)',
    ),
    rename: db.prepare('UPDATE boards SET title = ?, updated_at = ? WHERE id = ?'),
    softDelete: db.prepare(
      'UPDATE boards SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL',
    ),
    restore: db.prepare(
      'UPDATE boards SET deleted_at = NULL, deleted_by = NULL, updated_at = ? WHERE id = ?',
    ),
    touch: db.prepare('UPDATE boards SET updated_at = ? WHERE id = ?'),
    expired: db.prepare<[number], { id: string }>(
      'SELECT id FROM boards WHERE deleted_at IS NOT NULL AND deleted_at < ?',
    ),
    deleteBoard: db.prepare('DELETE FROM boards WHERE id = ?'),
    deleteUpdates: db.prepare('DELETE FROM doc_updates WHERE board_id = ?'),
    // Documents whose id starts with a prefix: ids are compared as text, and every character
    // that may follow a draft prefix sorts below '~'.
    listDocuments: db.prepare<[string, string], { board_id: string }>(
      'SELECT DISTINCT board_id FROM doc_updates WHERE board_id >= ? AND board_id < ?',
    ),
    deleteDocuments: db.prepare('DELETE FROM doc_updates WHERE board_id >= ? AND board_id < ?'),
    deleteAssets: db.prepare('DELETE FROM assets WHERE board_id = ?'),
    deleteTokens: db.prepare('DELETE FROM ingestion_tokens WHERE board_id = ?'),
    deleteIndex: db.prepare('DELETE FROM hypothesis_index WHERE board_id = ?'),
    deleteProjects: db.prepare('DELETE FROM project_index WHERE board_id = ?'),
    deleteAccess: [
      'board_keys',
      'workshops',
      'votes',
      'workshop_participants',
      'workshop_past_votes',
      'board_versions',
      'webhooks',
      'webhook_deliveries',
      'metric_sources',
    ].map((table) => db.prepare(`DELETE FROM ${table} WHERE board_id = ?`)),
    insertToken: db.prepare(
      'INSERT INTO ingestion_tokens (id, board_id, name, hash, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    listTokens: db.prepare<[string], TokenRow>(
      'SELECT * FROM ingestion_tokens WHERE board_id = ? AND revoked_at IS NULL ORDER BY created_at',
    ),
    revokeToken: db.prepare(
      'UPDATE ingestion_tokens SET revoked_at = ? WHERE board_id = ? AND id = ? AND revoked_at IS NULL',
    ),
    tokenByHash: db.prepare<[string], TokenRow>('SELECT * FROM ingestion_tokens WHERE hash = ?'),
    // Quarantined rows (kept by a salvage) are never loaded or compacted away.
    loadUpdates: db.prepare<[string], { seq: number; data: Buffer }>(
      `SELECT seq, data FROM doc_updates WHERE board_id = ?
       AND seq NOT IN (SELECT seq FROM quarantined_updates) ORDER BY seq`,
    ),
    append: db.prepare('INSERT INTO doc_updates (board_id, data) VALUES (?, ?)'),
    deleteUpTo: db.prepare(
      `DELETE FROM doc_updates WHERE board_id = ? AND seq <= ?
       AND seq NOT IN (SELECT seq FROM quarantined_updates)`,
    ),
    ping: db.prepare('SELECT 1'),
    probe: db.prepare(
      `INSERT INTO health_probe (id, at, pad) VALUES (1, ?, zeroblob(?))
       ON CONFLICT (id) DO UPDATE SET at = excluded.at, pad = excluded.pad`,
    ),
    putAsset: db.prepare(
      'INSERT INTO assets (id, board_id, mime_type, data, created_at) VALUES (?, ?, ?, ?, ?)',
    ),
    getAsset: db.prepare<
      [string, string],
      { id: string; board_id: string; mime_type: string; data: Buffer; created_at: number }
    >('SELECT * FROM assets WHERE id = ? AND board_id = ?'),
  }

  const getBoard = (boardId: string) => {
    const row = stmt.get.get(boardId)
    return row ? toBoard(row) : undefined
  }

  const purge = db.transaction((before: number) => {
    const ids = stmt.expired.all(before).map((r) => r.id)
    for (const id of ids) {
      stmt.deleteUpdates.run(id)
      // Its people's drafts (server/drafts/draftIds.ts).
      stmt.deleteDocuments.run(`${id}/`, `${id}/~`)
      stmt.deleteAssets.run(id)
      stmt.deleteTokens.run(id)
      stmt.deleteIndex.run(id)
      stmt.deleteProjects.run(id)
      for (const remove of stmt.deleteAccess) remove.run(id)
      stmt.deleteBoard.run(id)
    }
    return ids.length
  })

  const appendNow = (boardId: string, update: Uint8Array, now: number) => {
    const seq = Number(stmt.append.run(boardId, update).lastInsertRowid)
    if (now - (lastTouched.get(boardId) ?? 0) >= TOUCH_INTERVAL_MS) {
      lastTouched.set(boardId, now)
      stmt.touch.run(now, boardId)
    }
    return seq
  }
  // Full durability: the updates of one event-loop turn are inserted in one transaction (a few
  // pages written instead of three per update), then the WAL is synced once for all of them.
  const appendAll = db.transaction((batch: readonly QueuedAppend[]) =>
    batch.map((a) => appendNow(a.boardId, a.update, a.now)),
  )
  const groupCommit = createGroupCommit(`${join(dataDir, DatabaseFileName)}-wal`, (batch) => {
    const touched = new Map(lastTouched)
    try {
      return appendAll(batch)
    } catch (error) {
      // Rolled back: the boards were not marked edited either.
      lastTouched.clear()
      for (const [id, at] of touched) lastTouched.set(id, at)
      throw error
    }
  })

  const compact = db.transaction((boardId: string, snapshot: Uint8Array, uptoSeq: number) => {
    stmt.deleteUpTo.run(boardId, uptoSeq)
    stmt.append.run(boardId, snapshot)
  })

  return {
    listBoards({ deleted, deletedSince = 0 }) {
      const rows = deleted ? stmt.listDeleted.all(deletedSince) : stmt.listLive.all()
      return rows.map(toBoard)
    },
    getBoard,
    createBoard({ id, title, now }) {
      stmt.insert.run(id, title, now, now)
      return getBoard(id)!
    },
    renameBoard(boardId, title, now) {
      stmt.rename.run(title, now, boardId)
      return getBoard(boardId)
    },
    softDeleteBoard(boardId, now, deletedBy) {
      stmt.softDelete.run(now, deletedBy, boardId)
      return getBoard(boardId)
    },
    restoreBoard(boardId, now) {
      stmt.restore.run(now, boardId)
      return getBoard(boardId)
    },
    purgeDeletedBoards: (before) => purge(before),

    loadDocument(boardId): StoredDocument {
      const rows = stmt.loadUpdates.all(boardId)
      let bytes = 0
      const updates = rows.map((r) => {
        bytes += r.data.byteLength
        return new Uint8Array(r.data.buffer, r.data.byteOffset, r.data.byteLength)
      })
      return { updates, lastSeq: rows.at(-1)?.seq ?? 0, bytes }
    },
    appendUpdate(boardId, update, now) {
      if (durability === 'relaxed') return appendNow(boardId, update, now)
      return groupCommit.append({ boardId, update, now })
    },
    compactDocument(boardId, snapshot, uptoSeq) {
      compact(boardId, snapshot, uptoSeq)
    },
    listDocuments(prefix) {
      return stmt.listDocuments.all(prefix, `${prefix}~`).map((r) => r.board_id)
    },

    putAsset(asset: StoredAsset) {
      stmt.putAsset.run(asset.id, asset.boardId, asset.mimeType, asset.data, asset.createdAt)
    },
    getAsset(boardId, assetId) {
      const row = stmt.getAsset.get(assetId, boardId)
      if (!row) return undefined
      return {
        id: row.id,
        boardId: row.board_id,
        mimeType: row.mime_type,
        data: new Uint8Array(row.data.buffer, row.data.byteOffset, row.data.byteLength),
        createdAt: row.created_at,
      }
    },
    createToken(token) {
      stmt.insertToken.run(token.id, token.boardId, token.name, token.hash, token.createdAt)
    },
    listTokens: (boardId) => stmt.listTokens.all(boardId).map(toToken),
    revokeToken: (boardId, tokenId, now) => stmt.revokeToken.run(now, boardId, tokenId).changes > 0,
    findTokenByHash(hash) {
      const row = stmt.tokenByHash.get(hash)
      return row ? toToken(row) : undefined
    },
    ...createSqliteHypothesisIndex(db),
    ...createSqliteProjectIndex(db),
    ...access,
    ...createSqliteVersionStore(db),
    ...createSqliteWebhookStore(db),
    ...createSqliteMetricSourceStore(db),
    probeWrite(now, bytes = 0) {
      // Written and then emptied: the row keeps no space once the answer is known.
      // At most 1 MiB: every REST write and health check probes while writes fail.
      stmt.probe.run(now, Math.min(bytes, 1024 * 1024))
      if (bytes > 0) stmt.probe.run(now, 0)
    },
    ping() {
      stmt.ping.get()
    },
    async close() {
      await groupCommit.close()
      db.close()
    },
  }
}

interface QueuedAppend {
  boardId: string
  update: Uint8Array
  now: number
}

interface Waiting extends QueuedAppend {
  resolve: (seq: number) => void
  reject: (error: unknown) => void
}

/**
 * Group commit for full durability. Appends wait in a queue; once per event-loop turn (or once the
 * sync in flight ends) `commit` inserts all of them in one transaction and the WAL file is synced
 * to disk on libuv's thread pool, then each append resolves with its sequence number. Nothing is
 * acknowledged before the sync that covers it has finished; if the transaction or the sync fails,
 * every append of that group is refused (a failed transaction stored none of them).
 */
function createGroupCommit(walPath: string, commit: (batch: readonly QueuedAppend[]) => number[]) {
  let fd: number | null = null
  let running: Promise<void> | null = null
  let scheduled = false
  let waiting: Waiting[] = []

  const run = () => {
    scheduled = false
    const batch = waiting
    waiting = []
    if (batch.length === 0) return
    let seqs: number[]
    try {
      seqs = commit(batch)
    } catch (error) {
      for (const w of batch) w.reject(error)
      if (waiting.length > 0) schedule()
      return
    }
    running = new Promise<void>((done) => {
      const finish = (error: unknown) => {
        running = null
        batch.forEach((w, i) => (error ? w.reject(error) : w.resolve(seqs[i]!)))
        done()
        if (waiting.length > 0) schedule()
      }
      try {
        fd ??= openSync(walPath, 'r')
      } catch (error) {
        finish(error)
        return
      }
      fdatasync(fd, (error) => finish(error))
    })
  }
  // The appends of this event-loop turn go into the same commit and sync.
  const schedule = () => {
    if (scheduled || running) return
    scheduled = true
    setImmediate(run)
  }
  return {
    append: (append: QueuedAppend) =>
      new Promise<number>((resolve, reject) => {
        waiting.push({ ...append, resolve, reject })
        schedule()
      }),
    async close() {
      while (running || waiting.length > 0) {
        if (!running) run()
        await running
      }
      if (fd !== null) closeSync(fd)
      fd = null
    },
  }
}
