import pg, { type Pool } from 'pg'
import * as Y from 'yjs'
import type { Board } from '../../../shared/api/boards.js'
import type { Logger } from '../../logger.js'
import type { Persistence, StoredDocument, StoredToken } from '../types.js'
import { createPostgresAccessStore } from './postgresAccess.js'
import { createPostgresHypothesisIndex } from './postgresHypothesisIndex.js'
import { createPostgresProjectIndex } from './postgresProjectIndex.js'
import { createPostgresVersionStore } from './postgresVersions.js'
import { createPostgresWebhookStore } from './postgresWebhooks.js'
import { createPostgresMetricSourceStore } from './postgresMetricSources.js'
import { migratePostgres } from './postgresMigrations.js'
import { packSnapshot, unpackRow } from './snapshotPacking.js'
import {
  bytes,
  copyRows,
  createPostgresPool,
  fromBytes,
  inTransaction,
  query,
  type Tx,
} from './postgresPool.js'

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
  created_at: number
  revoked_at: number | null
}

const toBoard = (row: BoardRow): Board => ({
  id: row.id,
  title: row.title,
  createdAt: new Date(row.created_at).toISOString(),
  updatedAt: new Date(row.updated_at).toISOString(),
  deletedAt: row.deleted_at === null ? null : new Date(row.deleted_at).toISOString(),
  deletedBy: row.deleted_at === null ? null : row.deleted_by,
})

const toToken = (row: TokenRow): StoredToken => ({
  id: row.id,
  boardId: row.board_id,
  name: row.name,
  createdAt: row.created_at,
  revokedAt: row.revoked_at,
})

/** Marking a board edited on every keystroke would double the writes; once a second is plenty. */
const TOUCH_INTERVAL_MS = 1000

/**
 * The lock that orders a board's document log: held by an append from taking its sequence
 * number to its commit, and by a compaction, so rows of one board commit in `seq` order and a
 * compaction never interleaves with an append, whichever instance writes.
 */
const BoardLock = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))'

/**
 * Appends an update in one statement, one round trip: the lock is taken before the row (and its
 * seq) is made and held until the statement commits; the board is marked edited when `$4`.
 */
const AppendUpdate = `WITH locked AS (${BoardLock.replace('SELECT', 'SELECT 1 AS held,')}),
      touched AS (UPDATE boards SET updated_at = $3 WHERE id = $1 AND $4
                  AND EXISTS (SELECT 1 FROM locked))
  INSERT INTO doc_updates (board_id, data) SELECT $1, $2 FROM locked RETURNING seq`

/**
 * The snapshot with every stored update it replaces applied on top: the same document when the
 * snapshot already holds them all (one instance serving the board), more when another writer
 * stored an update it lacks.
 */
function mergeIntoSnapshot(snapshot: Uint8Array, stored: Uint8Array[]): Uint8Array {
  const doc = new Y.Doc()
  try {
    Y.applyUpdate(doc, snapshot)
    for (const update of stored) Y.applyUpdate(doc, update)
    return Y.encodeStateAsUpdate(doc)
  } finally {
    doc.destroy()
  }
}

/**
 * A stored document as the store loads it, read on the pool or on one transaction's connection
 * (a migration checks what it copied before it commits).
 */
export async function loadPostgresDocument(
  db: Pool | Tx,
  boardId: string,
): Promise<StoredDocument> {
  // As COPY data: the bytes as stored, with no text encoding on either side (see copyRows).
  // COPY takes no parameters, hence the id as a literal.
  const rows = await copyRows(
    db,
    `SELECT seq, data, gzipped FROM doc_updates WHERE board_id = ${pg.escapeLiteral(boardId)}
     ORDER BY seq`,
  )
  let total = 0
  let lastSeq = 0
  const updates: Uint8Array[] = []
  const verifiedSnapshot = rows[0]?.[2]?.[0] === 1
  for (const [seq, data, gzipped] of rows) {
    lastSeq = Number(seq!.readBigInt64BE())
    // A boolean in binary COPY data is one byte.
    const update = await unpackRow(data!, gzipped![0] === 1)
    total += update.byteLength
    updates.push(update)
  }
  return { updates, lastSeq, bytes: total, ...(verifiedSnapshot ? { verifiedSnapshot } : {}) }
}

/** Every table that holds something of a board, emptied when the board is purged. */
const BoardTables = [
  'doc_updates',
  'assets',
  'ingestion_tokens',
  'hypothesis_index',
  'project_index',
  'board_keys',
  'workshops',
  'votes',
  'workshop_participants',
  'workshop_past_votes',
  'board_versions',
  'webhooks',
  'webhook_deliveries',
  'metric_sources',
]

export interface PostgresOptions {
  durability?: 'full' | 'relaxed'
  log?: Logger
  /** Connections this instance keeps at most. */
  maxConnections?: number
}

/**
 * The store in PostgreSQL, for several server instances sharing one database: the same tables
 * and semantics as the embedded store, with versioned migrations applied at start-up. Every
 * failure (the database unreachable, restarting, refusing) is a `StorageUnavailableError`.
 */
export async function createPostgresPersistence(
  url: string,
  options: PostgresOptions = {},
): Promise<Persistence> {
  const pool = createPostgresPool(url, {
    durability: options.durability,
    log: options.log,
    max: options.maxConnections,
  })
  try {
    await migratePostgres(pool)
  } catch (error) {
    await pool.end()
    throw error
  }
  const lastTouched = new Map<string, number>()

  const getBoard = async (boardId: string) => {
    const { rows } = await query<BoardRow>(pool, 'SELECT * FROM boards WHERE id = $1', [boardId])
    return rows[0] ? toBoard(rows[0]) : undefined
  }
  /** Runs an update of one board and answers the board as it is afterwards. */
  const updateBoard = async (boardId: string, sql: string, params: unknown[]) => {
    const { rows } = await query<BoardRow>(pool, `${sql} RETURNING *`, params)
    return rows[0] ? toBoard(rows[0]) : getBoard(boardId)
  }

  return {
    async listBoards({ deleted, deletedSince = 0 }) {
      const { rows } = deleted
        ? await query<BoardRow>(
            pool,
            `SELECT * FROM boards WHERE deleted_at IS NOT NULL AND deleted_at >= $1
             ORDER BY deleted_at DESC, id`,
            [deletedSince],
          )
        : await query<BoardRow>(
            pool,
            'SELECT * FROM boards WHERE deleted_at IS NULL ORDER BY updated_at DESC, id',
          )
      return rows.map(toBoard)
    },
    getBoard,
    async createBoard({ id, title, now }) {
      const { rows } = await query<BoardRow>(
        pool,
        `INSERT INTO boards (id, title, created_at, updated_at, deleted_at)
         VALUES ($1, $2, $3, $3, NULL) RETURNING *`,
        [id, title, now],
      )
      return toBoard(rows[0]!)
    },
    renameBoard: (boardId, title, now) =>
      updateBoard(boardId, 'UPDATE boards SET title = $2, updated_at = $3 WHERE id = $1', [
        boardId,
        title,
        now,
      ]),
    softDeleteBoard: (boardId, now, deletedBy) =>
      updateBoard(
        boardId,
        'UPDATE boards SET deleted_at = $2, deleted_by = $3 WHERE id = $1 AND deleted_at IS NULL',
        [boardId, now, deletedBy],
      ),
    restoreBoard: (boardId, now) =>
      updateBoard(
        boardId,
        'UPDATE boards SET deleted_at = NULL, deleted_by = NULL, updated_at = $2 WHERE id = $1',
        [boardId, now],
      ),
    purgeDeletedBoards: (before) =>
      inTransaction(pool, async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          'SELECT id FROM boards WHERE deleted_at IS NOT NULL AND deleted_at < $1 FOR UPDATE',
          [before],
        )
        const ids = rows.map((r) => r.id)
        if (ids.length === 0) return 0
        for (const table of BoardTables) {
          await tx.query(`DELETE FROM ${table} WHERE board_id = ANY($1)`, [ids])
        }
        // Its people's drafts (server/drafts/draftIds.ts).
        for (const id of ids) {
          await tx.query('DELETE FROM doc_updates WHERE board_id >= $1 AND board_id < $2', [
            `${id}/`,
            `${id}/~`,
          ])
        }
        await tx.query('DELETE FROM boards WHERE id = ANY($1)', [ids])
        return ids.length
      }),

    loadDocument: (boardId) => loadPostgresDocument(pool, boardId),
    async appendUpdate(boardId, update, now) {
      const touch = now - (lastTouched.get(boardId) ?? 0) >= TOUCH_INTERVAL_MS
      if (touch) lastTouched.set(boardId, now)
      // Resolves once the commit is durable (synchronous_commit, unless the durability is relaxed).
      const { rows } = await query<{ seq: number }>(
        pool,
        AppendUpdate,
        [boardId, bytes(update), now, touch],
        'append-update',
      ).catch((error: unknown) => {
        if (touch) lastTouched.delete(boardId)
        throw error
      })
      return rows[0]!.seq
    },
    compactDocument: (boardId, snapshot, uptoSeq) =>
      inTransaction(pool, async (tx: Tx) => {
        // Under the board's lock, no append commits between the read, the delete and the
        // insert, and rows after uptoSeq (appended meanwhile) are kept. The snapshot comes from
        // one instance's room; the rows it replaces are merged into it, so an update that
        // another instance stored and this room never applied survives the compaction.
        await tx.query(BoardLock, [boardId])
        const { rows } = await tx.query<{ data: Buffer; gzipped: boolean }>(
          'SELECT data, gzipped FROM doc_updates WHERE board_id = $1 AND seq <= $2 ORDER BY seq',
          [boardId, uptoSeq],
        )
        const stored: Uint8Array[] = []
        for (const r of rows) stored.push(await unpackRow(r.data, r.gzipped))
        const packed = await packSnapshot(mergeIntoSnapshot(snapshot, stored))
        await tx.query('DELETE FROM doc_updates WHERE board_id = $1 AND seq <= $2', [
          boardId,
          uptoSeq,
        ])
        await tx.query('INSERT INTO doc_updates (board_id, data, gzipped) VALUES ($1, $2, $3)', [
          boardId,
          bytes(packed.data),
          packed.gzipped,
        ])
      }),

    async listDocuments(prefix) {
      // Ids compare byte by byte (COLLATE "C"), and every character that may follow a draft
      // prefix sorts below '~', as in the embedded store.
      const { rows } = await query<{ board_id: string }>(
        pool,
        `SELECT DISTINCT board_id FROM doc_updates WHERE board_id >= $1 AND board_id < $2
         ORDER BY board_id`,
        [prefix, `${prefix}~`],
      )
      return rows.map((r) => r.board_id)
    },

    async putAsset(asset) {
      await query(
        pool,
        'INSERT INTO assets (id, board_id, mime_type, data, created_at) VALUES ($1, $2, $3, $4, $5)',
        [asset.id, asset.boardId, asset.mimeType, bytes(asset.data), asset.createdAt],
      )
    },
    async getAsset(boardId, assetId) {
      const { rows } = await query<{
        id: string
        board_id: string
        mime_type: string
        data: Buffer
        created_at: number
      }>(pool, 'SELECT * FROM assets WHERE id = $1 AND board_id = $2', [assetId, boardId])
      const row = rows[0]
      if (!row) return undefined
      return {
        id: row.id,
        boardId: row.board_id,
        mimeType: row.mime_type,
        data: fromBytes(row.data),
        createdAt: row.created_at,
      }
    },

    async createToken(token) {
      await query(
        pool,
        'INSERT INTO ingestion_tokens (id, board_id, name, hash, created_at) VALUES ($1, $2, $3, $4, $5)',
        [token.id, token.boardId, token.name, token.hash, token.createdAt],
      )
    },
    async listTokens(boardId) {
      const { rows } = await query<TokenRow>(
        pool,
        `SELECT * FROM ingestion_tokens WHERE board_id = $1 AND revoked_at IS NULL
         ORDER BY created_at, ord`,
        [boardId],
      )
      return rows.map(toToken)
    },
    async revokeToken(boardId, tokenId, now) {
      const { rowCount } = await query(
        pool,
        `UPDATE ingestion_tokens SET revoked_at = $1
         WHERE board_id = $2 AND id = $3 AND revoked_at IS NULL`,
        [now, boardId, tokenId],
      )
      return (rowCount ?? 0) > 0
    },
    async findTokenByHash(hash) {
      const { rows } = await query<TokenRow>(
        pool,
        'SELECT * FROM ingestion_tokens WHERE hash = $1',
        [hash],
      )
      return rows[0] ? toToken(rows[0]) : undefined
    },

    ...createPostgresHypothesisIndex(pool),
    ...createPostgresProjectIndex(pool),
    ...createPostgresAccessStore(pool),
    ...createPostgresVersionStore(pool),
    ...createPostgresWebhookStore(pool),
    ...createPostgresMetricSourceStore(pool),

    async probeWrite(now, size = 0) {
      // Written and then emptied, as in the embedded store; at most 1 MiB.
      const pad = Math.min(size, 1024 * 1024)
      await query(
        pool,
        `INSERT INTO health_probe (id, at, pad) VALUES (1, $1, $2)
         ON CONFLICT (id) DO UPDATE SET at = excluded.at, pad = excluded.pad`,
        [now, Buffer.alloc(pad)],
      )
      if (pad > 0)
        await query(pool, 'UPDATE health_probe SET pad = $1 WHERE id = 1', [Buffer.alloc(0)])
    },
    async ping() {
      await query(pool, 'SELECT 1')
    },
    async close() {
      await pool.end()
    },
  }
}
