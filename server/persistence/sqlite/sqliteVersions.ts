import type Database from 'better-sqlite3'
import type { VersionStore } from '../types.js'
import { VersionColumns as Columns, toVersion, type VersionRow } from '../versionRows.js'

/** Versions of boards in the board's SQLite file. */
export function createSqliteVersionStore(db: Database.Database): VersionStore {
  const stmt = {
    put: db.prepare(
      `INSERT INTO board_versions (${Columns}, snapshot) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    list: db.prepare<[string], VersionRow>(
      `SELECT ${Columns} FROM board_versions WHERE board_id = ? ORDER BY created_at DESC, id DESC`,
    ),
    snapshot: db.prepare<[string, string], { snapshot: Buffer }>(
      'SELECT snapshot FROM board_versions WHERE board_id = ? AND id = ?',
    ),
    remove: db.prepare('DELETE FROM board_versions WHERE board_id = ? AND id = ?'),
  }
  const removeAll = db.transaction((boardId: string, ids: readonly string[]) =>
    ids.reduce((n, id) => n + stmt.remove.run(boardId, id).changes, 0),
  )
  return {
    putVersion(v, snapshot) {
      stmt.put.run(
        v.boardId,
        v.id,
        v.name,
        v.createdAt,
        v.createdBy,
        JSON.stringify(v.participants),
        v.bytes,
        snapshot,
      )
    },
    listVersions: (boardId) => stmt.list.all(boardId).map(toVersion),
    getVersionSnapshot(boardId, versionId) {
      const row = stmt.snapshot.get(boardId, versionId)
      return row ? new Uint8Array(row.snapshot) : undefined
    },
    deleteVersions: (boardId, ids) => removeAll(boardId, ids),
  }
}
