import type { Pool } from 'pg'
import { VersionColumns as Columns, toVersion, type VersionRow } from '../versionRows.js'
import type { VersionStore } from '../types.js'
import { bytes, fromBytes, query } from './postgresPool.js'

/** Versions of boards in PostgreSQL. */
export function createPostgresVersionStore(pool: Pool): VersionStore {
  return {
    async putVersion(v, snapshot) {
      await query(
        pool,
        `INSERT INTO board_versions (${Columns}, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          v.boardId,
          v.id,
          v.name,
          v.createdAt,
          v.createdBy,
          JSON.stringify(v.participants),
          v.bytes,
          bytes(snapshot),
        ],
      )
    },
    async listVersions(boardId) {
      const { rows } = await query<VersionRow>(
        pool,
        `SELECT ${Columns} FROM board_versions WHERE board_id = $1
         ORDER BY created_at DESC, id DESC`,
        [boardId],
      )
      return rows.map(toVersion)
    },
    async getVersionSnapshot(boardId, versionId) {
      const { rows } = await query<{ snapshot: Buffer }>(
        pool,
        'SELECT snapshot FROM board_versions WHERE board_id = $1 AND id = $2',
        [boardId, versionId],
      )
      return rows[0] ? fromBytes(rows[0].snapshot) : undefined
    },
    async deleteVersions(boardId, ids) {
      if (ids.length === 0) return 0
      const { rowCount } = await query(
        pool,
        'DELETE FROM board_versions WHERE board_id = $1 AND id = ANY($2)',
        [boardId, [...ids]],
      )
      return rowCount ?? 0
    },
  }
}
