import type Database from 'better-sqlite3'
import type { HypothesisIndex, HypothesisIndexQuery, HypothesisIndexRow } from '../types.js'
import { VerdictColumns, fromStoredIndexRow, type StoredIndexRow } from '../hypothesisIndexRows.js'

/** The tracker index in SQLite: one row per hypothesis, replaced per board in a transaction. */
export function createSqliteHypothesisIndex(db: Database.Database): HypothesisIndex {
  const remove = db.prepare('DELETE FROM hypothesis_index WHERE board_id = ?')
  const insert = db.prepare(
    `INSERT INTO hypothesis_index (board_id, canvas_id, title, sentence, status, metrics_json,
      latest_json, timebox_start, timebox_end, decision, updated_at, verdict_open, verdict_ended,
      checkin_due_at)
     VALUES (@boardId, @canvasId, @title, @sentence, @status, @metricsJson, @latestJson,
      @timeboxStart, @timeboxEnd, @decision, @updatedAt, @verdictOpen, @verdictEnded,
      @checkinDueAt)`,
  )
  const replace = db.transaction((boardId: string, rows: HypothesisIndexRow[]) => {
    remove.run(boardId)
    for (const row of rows) insert.run({ ...row, checkinDueAt: row.checkinDueAt ?? null })
  })
  const filter = ({ boardIds, statuses, overdue, canvasIds }: HypothesisIndexQuery) => {
    const where = ['b.deleted_at IS NULL']
    const params: unknown[] = []
    if (boardIds) {
      where.push(`h.board_id IN (${boardIds.map(() => '?').join(',') || 'NULL'})`)
      params.push(...boardIds)
    }
    if (canvasIds) {
      where.push(`h.canvas_id IN (SELECT value FROM json_each(?))`)
      params.push(JSON.stringify(canvasIds))
    }
    if (statuses) {
      where.push(`h.status IN (${statuses.map(() => '?').join(',') || 'NULL'})`)
      params.push(...statuses)
    }
    if (overdue) {
      const isOverdue =
        "(h.timebox_end IS NOT NULL AND h.timebox_end <= ? AND h.status != 'decided')"
      where.push(overdue.is ? isOverdue : `NOT ${isOverdue}`)
      params.push(new Date(overdue.at).toISOString())
    }
    return {
      sql: `FROM hypothesis_index h JOIN boards b ON b.id = h.board_id WHERE ${where.join(' AND ')}`,
      params,
    }
  }
  const order = {
    due: 'ORDER BY h.timebox_end IS NULL, h.timebox_end, h.board_id, h.canvas_id',
    updated: 'ORDER BY h.updated_at DESC, h.board_id, h.canvas_id',
  }
  return {
    replaceBoardHypotheses: (boardId, rows) => replace(boardId, rows),
    queryHypotheses(query) {
      const { sql, params } = filter(query)
      const orderBy = query.orderBy ? order[query.orderBy] : ''
      const limit = query.limit === undefined ? '' : `LIMIT ${Math.floor(query.limit)}`
      const rows = db
        .prepare<unknown[], StoredIndexRow>(
          `SELECT h.*, b.title AS board_title ${sql} ${orderBy} ${limit}`,
        )
        .all(...params)
      return rows.map(fromStoredIndexRow)
    },
    hypothesisVerdicts(boardIds) {
      // Rows as arrays: the portfolio reads thousands, and objects cost more to make.
      const rows = db
        .prepare<[string], unknown[]>(
          `SELECT ${VerdictColumns} FROM hypothesis_index h JOIN boards b ON b.id = h.board_id
           WHERE b.deleted_at IS NULL AND h.board_id IN (SELECT value FROM json_each(?))`,
        )
        .raw(true)
        .all(JSON.stringify(boardIds)) as [
        string,
        string,
        string | null,
        string | null,
        string | null,
      ][]
      return rows.map(([boardId, canvasId, timeboxEnd, verdictOpen, verdictEnded]) => ({
        boardId,
        canvasId,
        timeboxEnd,
        verdictOpen,
        verdictEnded,
      }))
    },
    countHypotheses(query) {
      const { sql, params } = filter(query)
      return db.prepare<unknown[], { n: number }>(`SELECT COUNT(*) AS n ${sql}`).get(...params)!.n
    },
  }
}
