import type Database from 'better-sqlite3'
import { toMetricSource, type MetricSourceRow } from '../metricSourceRows.js'
import type { MetricSourceStore } from '../types.js'

/** Metric sources in the SQLite file; one connection, so a claim in a transaction is atomic. */
export function createSqliteMetricSourceStore(db: Database.Database): MetricSourceStore {
  const stmt = {
    put: db.prepare<unknown[], MetricSourceRow>(
      `INSERT INTO metric_sources (id, board_id, canvas_id, metric_key, config_json, created_at,
         updated_at, next_poll_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (board_id, canvas_id, metric_key) DO UPDATE SET
         config_json = excluded.config_json, updated_at = excluded.updated_at,
         next_poll_at = excluded.next_poll_at, last_error = NULL
       RETURNING *`,
    ),
    get: db.prepare<[string, string, string], MetricSourceRow>(
      'SELECT * FROM metric_sources WHERE board_id = ? AND canvas_id = ? AND metric_key = ?',
    ),
    list: db.prepare<[string], MetricSourceRow>(
      'SELECT * FROM metric_sources WHERE board_id = ? ORDER BY canvas_id, metric_key',
    ),
    remove: db.prepare(
      'DELETE FROM metric_sources WHERE board_id = ? AND canvas_id = ? AND metric_key = ?',
    ),
    due: db.prepare<[number, number, number], MetricSourceRow>(
      `SELECT * FROM metric_sources
       WHERE next_poll_at <= ? AND (lease_until IS NULL OR lease_until <= ?)
         AND board_id IN (SELECT id FROM boards WHERE deleted_at IS NULL)
       ORDER BY next_poll_at, id LIMIT ?`,
    ),
    lease: db.prepare('UPDATE metric_sources SET lease_until = ? WHERE id = ?'),
    claimOne: db.prepare<[number, string, number], MetricSourceRow>(
      `UPDATE metric_sources SET lease_until = ?
       WHERE id = ? AND (lease_until IS NULL OR lease_until <= ?) RETURNING *`,
    ),
    finish: db.prepare(
      `UPDATE metric_sources SET last_poll_at = ?, next_poll_at = ?, last_error = ?,
         last_value = COALESCE(?, last_value), last_value_at = COALESCE(?, last_value_at),
         lease_until = NULL
       WHERE id = ?`,
    ),
  }
  const claimDue = db.transaction((now: number, leaseUntil: number, limit: number) =>
    stmt.due.all(now, now, limit).map((row) => {
      stmt.lease.run(leaseUntil, row.id)
      return toMetricSource({ ...row, lease_until: leaseUntil })
    }),
  )
  return {
    putMetricSource: (s) =>
      toMetricSource(
        stmt.put.get(
          s.id,
          s.boardId,
          s.canvasId,
          s.metricKey,
          s.configJson,
          s.now,
          s.now,
          s.nextPollAt,
        )!,
      ),
    getMetricSource(boardId, canvasId, metricKey) {
      const row = stmt.get.get(boardId, canvasId, metricKey)
      return row ? toMetricSource(row) : undefined
    },
    listMetricSources: (boardId) => stmt.list.all(boardId).map(toMetricSource),
    deleteMetricSource: (boardId, canvasId, metricKey) =>
      stmt.remove.run(boardId, canvasId, metricKey).changes > 0,
    claimDueMetricSources: (now, leaseUntil, limit) => claimDue.immediate(now, leaseUntil, limit),
    claimMetricSource(id, now, leaseUntil) {
      const row = stmt.claimOne.get(leaseUntil, id, now)
      return row ? toMetricSource(row) : undefined
    },
    finishMetricSourcePoll(id, o) {
      stmt.finish.run(o.at, o.nextPollAt, o.error, o.value?.value ?? null, o.value?.at ?? null, id)
    },
  }
}
