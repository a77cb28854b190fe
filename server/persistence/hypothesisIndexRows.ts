import type { HypothesisIndexRow } from './types.js'

/** A tracker index row as both stores keep it, joined with its board's title. */
export interface StoredIndexRow {
  board_id: string
  canvas_id: string
  title: string
  sentence: string
  status: string
  metrics_json: string
  latest_json: string
  timebox_start: string | null
  timebox_end: string | null
  decision: string | null
  updated_at: number
  board_title: string
}

/** The index row a query answers with, from its stored columns. */
export const fromStoredIndexRow = (
  r: StoredIndexRow,
): HypothesisIndexRow & { boardTitle: string } => ({
  boardId: r.board_id,
  canvasId: r.canvas_id,
  title: r.title,
  sentence: r.sentence,
  status: r.status,
  metricsJson: r.metrics_json,
  latestJson: r.latest_json,
  timeboxStart: r.timebox_start,
  timeboxEnd: r.timebox_end,
  decision: r.decision,
  updatedAt: r.updated_at,
  boardTitle: r.board_title,
})
