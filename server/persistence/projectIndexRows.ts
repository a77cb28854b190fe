import type { ProjectIndexRow } from './types.js'

/** A portfolio index row as both stores keep it, joined with its board's title. */
export interface StoredProjectRow {
  board_id: string
  canvas_id: string
  title: string
  owner: string
  stage: string
  status: string
  summary_json: string
  board_title: string
}

/** The index row a query answers with, from its stored columns. */
export const fromStoredProjectRow = (
  r: StoredProjectRow,
): ProjectIndexRow & { boardTitle: string } => ({
  boardId: r.board_id,
  canvasId: r.canvas_id,
  title: r.title,
  owner: r.owner,
  stage: r.stage,
  status: r.status,
  summaryJson: r.summary_json,
  boardTitle: r.board_title,
})

/** The columns in the order both stores insert them. */
export const ProjectColumns = [
  'board_id',
  'canvas_id',
  'title',
  'owner',
  'stage',
  'status',
  'summary_json',
] as const

export const projectValues = (r: ProjectIndexRow) => [
  r.boardId,
  r.canvasId,
  r.title,
  r.owner,
  r.stage,
  r.status,
  r.summaryJson,
]
