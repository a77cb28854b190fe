import type { Pool } from 'pg'
import type { HypothesisIndex, HypothesisIndexQuery } from '../types.js'
import { inTransaction, query } from './postgresPool.js'
import {
  VerdictColumns,
  fromStoredIndexRow,
  fromStoredVerdictRow,
  type StoredIndexRow,
  type StoredVerdictRow,
} from '../hypothesisIndexRows.js'

const Columns = [
  'board_id',
  'canvas_id',
  'title',
  'sentence',
  'status',
  'metrics_json',
  'latest_json',
  'timebox_start',
  'timebox_end',
  'decision',
  'updated_at',
  'verdict_open',
  'verdict_ended',
  'checkin_due_at',
] as const

/** The tracker index in PostgreSQL: one row per hypothesis, replaced per board in a transaction. */
export function createPostgresHypothesisIndex(pool: Pool): HypothesisIndex {
  const filter = ({ boardIds, statuses, overdue, canvasIds }: HypothesisIndexQuery) => {
    const where = ['b.deleted_at IS NULL']
    const params: unknown[] = []
    const param = (value: unknown) => `$${params.push(value)}`
    if (boardIds) where.push(`h.board_id = ANY(${param(boardIds)}::text[])`)
    if (canvasIds) where.push(`h.canvas_id = ANY(${param(canvasIds)}::text[])`)
    if (statuses) where.push(`h.status = ANY(${param(statuses)}::text[])`)
    if (overdue) {
      const isOverdue = `(h.timebox_end IS NOT NULL AND h.timebox_end <= ${param(
        new Date(overdue.at).toISOString(),
      )} AND h.status <> 'decided')`
      where.push(overdue.is ? isOverdue : `NOT ${isOverdue}`)
    }
    return {
      sql: `FROM hypothesis_index h JOIN boards b ON b.id = h.board_id WHERE ${where.join(' AND ')}`,
      params,
      param,
    }
  }
  const order = {
    due: 'ORDER BY h.timebox_end IS NULL, h.timebox_end, h.board_id, h.canvas_id',
    updated: 'ORDER BY h.updated_at DESC, h.board_id, h.canvas_id',
  }
  return {
    replaceBoardHypotheses: (boardId, rows) =>
      inTransaction(pool, async (tx) => {
        await tx.query('DELETE FROM hypothesis_index WHERE board_id = $1', [boardId])
        for (const row of rows) {
          await tx.query(
            `INSERT INTO hypothesis_index (${Columns.join(', ')})
             VALUES (${Columns.map((_, i) => `$${i + 1}`).join(', ')})`,
            [
              row.boardId,
              row.canvasId,
              row.title,
              row.sentence,
              row.status,
              row.metricsJson,
              row.latestJson,
              row.timeboxStart,
              row.timeboxEnd,
              row.decision,
              row.updatedAt,
              row.verdictOpen,
              row.verdictEnded,
              row.checkinDueAt ?? null,
            ],
          )
        }
      }),
    async queryHypotheses(q) {
      const { sql, params, param } = filter(q)
      const orderBy = q.orderBy ? order[q.orderBy] : ''
      const limit = q.limit === undefined ? '' : `LIMIT ${param(Math.floor(q.limit))}`
      const { rows } = await query<StoredIndexRow>(
        pool,
        `SELECT h.*, b.title AS board_title ${sql} ${orderBy} ${limit}`,
        params,
      )
      return rows.map(fromStoredIndexRow)
    },
    async hypothesisVerdicts(boardIds) {
      const { rows } = await query<StoredVerdictRow>(
        pool,
        `SELECT ${VerdictColumns} FROM hypothesis_index h JOIN boards b ON b.id = h.board_id
         WHERE b.deleted_at IS NULL AND h.board_id = ANY($1::text[])`,
        [boardIds],
      )
      return rows.map(fromStoredVerdictRow)
    },
    async countHypotheses(q) {
      const { sql, params } = filter(q)
      const { rows } = await query<{ n: number }>(pool, `SELECT COUNT(*)::int AS n ${sql}`, params)
      return rows[0]!.n
    },
  }
}
