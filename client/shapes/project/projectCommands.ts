import type * as Y from 'yjs'
import {
  planEnd,
  planGateAnswer,
  planLink,
  planMove,
  planStageDate,
  planUnlink,
  type PlannedChange,
} from '../../../shared/canvases/project/projectChanges'
import { isProjectMap } from '../../../shared/canvases/project/content'
import type { Stage } from '../../../shared/canvases/project/stages'
import type {
  GateAnswer,
  HypothesisLink,
  Outcome,
  StageDateKey,
} from '../../../shared/canvases/project/tracking'
import { getBoardCanvases, type CanvasMap } from '../../../shared/doc/canvasDoc'
import { LocalRecordOrigin } from '../../../shared/doc/recordOrigin'

/**
 * What a person does to a project on the canvas, under the rules the API applies
 * (shared/canvases/project/projectChanges.ts): checked first, then written in one local
 * transaction as a record (canvas undo never takes a move or an answer back). A refusal is the
 * message to show; nothing is written then.
 */
export type CommandOutcome = { ok: true } | { ok: false; message: string }

function apply(
  doc: Y.Doc,
  canvasId: string,
  plan: (map: CanvasMap) => PlannedChange,
): CommandOutcome {
  const map = getBoardCanvases(doc).get(canvasId)
  if (!map || !isProjectMap(map)) {
    return { ok: false, message: 'This project is no longer on the board' }
  }
  const change = plan(map)
  if (!change.ok) return change
  doc.transact(change.write, LocalRecordOrigin)
  return { ok: true }
}

export const moveProject = (
  doc: Y.Doc,
  canvasId: string,
  change: { to: Stage; why: string; by: string },
) => apply(doc, canvasId, (map) => planMove(map, change, Date.now()))

export const endProject = (
  doc: Y.Doc,
  canvasId: string,
  change: { outcome: Outcome; why: string; by: string },
) => apply(doc, canvasId, (map) => planEnd(map, change, Date.now()))

export const answerGate = (
  doc: Y.Doc,
  canvasId: string,
  change: { stage: Stage; question: string; answer: GateAnswer; note: string; by: string },
) => apply(doc, canvasId, (map) => planGateAnswer(map, change, Date.now()))

export const setStageDate = (
  doc: Y.Doc,
  canvasId: string,
  change: { stage: Stage; key: StageDateKey; day: string | null },
) => apply(doc, canvasId, (map) => planStageDate(map, change))

export const linkHypothesis = (doc: Y.Doc, canvasId: string, link: HypothesisLink) =>
  apply(doc, canvasId, (map) => planLink(map, link))

export const unlinkHypothesis = (doc: Y.Doc, canvasId: string, link: HypothesisLink) =>
  apply(doc, canvasId, (map) => planUnlink(map, link))
