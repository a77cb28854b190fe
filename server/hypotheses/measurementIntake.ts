import type { MeasurementInput, MeasurementsResult } from '../../shared/api/hypotheses.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import type { ServerContext } from '../context.js'
import { editBoard, requireRoomFor } from '../routes/boardDoc.js'
import { findCanvasToEdit } from '../routes/canvasEdits.js'
import { recordMeasurements, verdictOf } from './hypothesisActions.js'

/**
 * Rows read from a request against the hypothesis's metric keys and the server's clock (a row
 * dated in the future is refused), and their baseline flag.
 */
export type ReadMeasurements = (
  metricKeys: ReadonlySet<string>,
  now: number,
) => {
  rows: MeasurementInput[]
  baseline?: boolean | undefined
}

/**
 * Records measurements on a hypothesis, all or nothing (the ingestion route and the agents'
 * tool): refused while it is locked (423) or the board is full (413); the rows are read against
 * the metrics of now. Answers with what was recorded and the verdict that follows.
 */
export async function recordMeasurementsOn(
  ctx: ServerContext,
  request: {
    boardId: string
    hypothesisId: string
    /** The size of the request, counted toward the board's limit. */
    bytes: number
    read: ReadMeasurements
    baseline: boolean | undefined
    by: string
  },
): Promise<MeasurementsResult> {
  return editBoard(async () => {
    const found = await findCanvasToEdit(
      ctx,
      request.boardId,
      request.hypothesisId,
      hypothesisSpec.kind,
    )
    requireRoomFor(found.room, request.bytes)
    const now = ctx.now()
    const parsed = request.read(new Set((found.content.metrics ?? []).map((m) => m.key)), now)
    const result = await recordMeasurements(
      found,
      parsed.rows,
      parsed.baseline ?? request.baseline ?? false,
      request.by,
      now,
      ctx.measurements,
    )
    return { ...result, verdict: verdictOf(found, now, ctx.measurements) }
  })
}
