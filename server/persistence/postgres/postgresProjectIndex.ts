import type { Pool } from 'pg'
import type { ProjectIndex } from '../types.js'
import { inTransaction, query } from './postgresPool.js'
import {
  ProjectColumns,
  fromStoredProjectRow,
  projectValues,
  type StoredProjectRow,
} from '../projectIndexRows.js'

/** The portfolio index in PostgreSQL: one row per project, replaced per board in a transaction. */
export function createPostgresProjectIndex(pool: Pool): ProjectIndex {
  const select = `SELECT p.*, b.title AS board_title
    FROM project_index p JOIN boards b ON b.id = p.board_id WHERE b.deleted_at IS NULL`
  return {
    replaceBoardProjects: (boardId, rows) =>
      inTransaction(pool, async (tx) => {
        await tx.query('DELETE FROM project_index WHERE board_id = $1', [boardId])
        for (const row of rows) {
          await tx.query(
            `INSERT INTO project_index (${ProjectColumns.join(', ')})
             VALUES (${ProjectColumns.map((_, i) => `$${i + 1}`).join(', ')})`,
            projectValues(row),
          )
        }
      }),
    async queryProjects({ boardIds }) {
      const { rows } = boardIds
        ? await query<StoredProjectRow>(pool, `${select} AND p.board_id = ANY($1::text[])`, [
            boardIds,
          ])
        : await query<StoredProjectRow>(pool, select, [])
      return rows.map(fromStoredProjectRow)
    },
  }
}
