import type { StoredMetricSource } from './types.js'

/** The columns of `metric_sources`, as both stores read them. */
export interface MetricSourceRow {
  id: string
  board_id: string
  canvas_id: string
  metric_key: string
  config_json: string
  created_at: number
  updated_at: number
  next_poll_at: number
  last_poll_at: number | null
  last_error: string | null
  last_value: number | null
  last_value_at: number | null
  lease_until: number | null
}

export const toMetricSource = (r: MetricSourceRow): StoredMetricSource => ({
  id: r.id,
  boardId: r.board_id,
  canvasId: r.canvas_id,
  metricKey: r.metric_key,
  configJson: r.config_json,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  nextPollAt: r.next_poll_at,
  lastPollAt: r.last_poll_at,
  lastError: r.last_error,
  lastValue: r.last_value,
  lastValueAt: r.last_value_at,
  leaseUntil: r.lease_until,
})
