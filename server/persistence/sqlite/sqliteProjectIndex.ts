import type Database from 'better-sqlite3'
import type { ProjectIndex, ProjectIndexRow } from '../types.js'
import {
  ProjectColumns,
  fromStoredProjectRow,
  projectValues,
  type StoredProjectRow,
} from '../projectIndexRows.js'

/** The portfolio index in SQLite: one row per project, replaced per board in a transaction. */
export function createSqliteProjectIndex(db: Database.Database): ProjectIndex {
  const remove = db.prepare('DELETE FROM project_index WHERE board_id = ?')
  const insert = db.prepare(
    `INSERT INTO project_index (${ProjectColumns.join(', ')})
     VALUES (${ProjectColumns.map(() => '?').join(', ')})`,
  )
  const replace = db.transaction((boardId: string, rows: ProjectIndexRow[]) => {
    remove.run(boardId)
    for (const row of rows) insert.run(...projectValues(row))
  })
  const select = `SELECT p.*, b.title AS board_title
    FROM project_index p JOIN boards b ON b.id = p.board_id WHERE b.deleted_at IS NULL`
  return {
    replaceBoardProjects: (boardId, rows) => replace(boardId, rows),
    queryProjects({ boardIds }) {
      const rows = boardIds
        ? db
            .prepare<[string], StoredProjectRow>(
              `${select} AND p.board_id IN (SELECT value FROM json_each(?))`,
            )
            .all(JSON.stringify(boardIds))
        : db.prepare<[], StoredProjectRow>(select).all()
      return rows.map(fromStoredProjectRow)
    },
  }
}
