import type { HypothesisIndexRow, HypothesisVerdictRow } from './types.js'

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
  verdict_open: string | null
  verdict_ended: string | null
  checkin_due_at: string | null
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
  verdictOpen: r.verdict_open,
  verdictEnded: r.verdict_ended,
  checkinDueAt: r.checkin_due_at,
  boardTitle: r.board_title,
})

/** A verdict row as both stores answer it. */
export interface StoredVerdictRow {
  board_id: string
  canvas_id: string
  timebox_end: string | null
  verdict_open: string | null
  verdict_ended: string | null
}

export const fromStoredVerdictRow = (r: StoredVerdictRow): HypothesisVerdictRow => ({
  boardId: r.board_id,
  canvasId: r.canvas_id,
  timeboxEnd: r.timebox_end,
  verdictOpen: r.verdict_open,
  verdictEnded: r.verdict_ended,
})

/** The columns a verdict row reads. */
export const VerdictColumns =
  'h.board_id, h.canvas_id, h.timebox_end, h.verdict_open, h.verdict_ended'
