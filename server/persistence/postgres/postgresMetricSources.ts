import type { Pool } from 'pg'
import { toMetricSource, type MetricSourceRow } from '../metricSourceRows.js'
import type { MetricSourceStore } from '../types.js'
import { query } from './postgresPool.js'

/**
 * Metric sources in PostgreSQL. Instances claim due sources with `FOR UPDATE SKIP LOCKED` and a
 * lease, so two instances never poll one source at once, and a source whose poller died is
 * taken up again once its lease ends.
 */
export function createPostgresMetricSourceStore(pool: Pool): MetricSourceStore {
  return {
    async putMetricSource(s) {
      const { rows } = await query<MetricSourceRow>(
        pool,
        `INSERT INTO metric_sources (id, board_id, canvas_id, metric_key, config_json, created_at,
           updated_at, next_poll_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
         ON CONFLICT (board_id, canvas_id, metric_key) DO UPDATE SET
           config_json = excluded.config_json, updated_at = excluded.updated_at,
           next_poll_at = excluded.next_poll_at, last_error = NULL
         RETURNING *`,
        [s.id, s.boardId, s.canvasId, s.metricKey, s.configJson, s.now, s.nextPollAt],
      )
      return toMetricSource(rows[0]!)
    },
    async getMetricSource(boardId, canvasId, metricKey) {
      const { rows } = await query<MetricSourceRow>(
        pool,
        'SELECT * FROM metric_sources WHERE board_id = $1 AND canvas_id = $2 AND metric_key = $3',
        [boardId, canvasId, metricKey],
      )
      return rows[0] ? toMetricSource(rows[0]) : undefined
    },
    async listMetricSources(boardId) {
      const { rows } = await query<MetricSourceRow>(
        pool,
        'SELECT * FROM metric_sources WHERE board_id = $1 ORDER BY canvas_id, metric_key',
        [boardId],
      )
      return rows.map(toMetricSource)
    },
    async deleteMetricSource(boardId, canvasId, metricKey) {
      const { rowCount } = await query(
        pool,
        'DELETE FROM metric_sources WHERE board_id = $1 AND canvas_id = $2 AND metric_key = $3',
        [boardId, canvasId, metricKey],
      )
      return (rowCount ?? 0) > 0
    },
    async claimDueMetricSources(now, leaseUntil, limit) {
      const { rows } = await query<MetricSourceRow>(
        pool,
        `UPDATE metric_sources SET lease_until = $2
         WHERE id IN (
           SELECT id FROM metric_sources
           WHERE next_poll_at <= $1 AND (lease_until IS NULL OR lease_until <= $1)
             AND board_id IN (SELECT id FROM boards WHERE deleted_at IS NULL)
           ORDER BY next_poll_at, id LIMIT $3
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [now, leaseUntil, limit],
      )
      return rows.map(toMetricSource)
    },
    async claimMetricSource(id, now, leaseUntil) {
      const { rows } = await query<MetricSourceRow>(
        pool,
        `UPDATE metric_sources SET lease_until = $3
         WHERE id = $1 AND (lease_until IS NULL OR lease_until <= $2) RETURNING *`,
        [id, now, leaseUntil],
      )
      return rows[0] ? toMetricSource(rows[0]) : undefined
    },
    async finishMetricSourcePoll(id, o) {
      await query(
        pool,
        `UPDATE metric_sources SET last_poll_at = $2, next_poll_at = $3, last_error = $4,
           last_value = COALESCE($5, last_value), last_value_at = COALESCE($6, last_value_at),
           lease_until = NULL
         WHERE id = $1`,
        [id, o.at, o.nextPollAt, o.error, o.value?.value ?? null, o.value?.at ?? null],
      )
    },
  }
}
