import type { CanvasMap } from '../../doc/canvasMap.js'
import {
  addLink,
  readProjectTracking,
  removeLink,
  setGate,
  setStageDates,
  writeEnd,
  writeMove,
} from './projectDoc.js'
import { gateId, type Stage } from './stages.js'
import {
  MaxLinkedHypotheses,
  endRefusal,
  gateRefusal,
  linkKey,
  moveRefusal,
  noDates,
  withEnd,
  withMove,
  type GateAnswer,
  type HypothesisLink,
  type Outcome,
  type StageDateKey,
} from './tracking.js'

/**
 * What a person or the API does to a project, checked by the shared rules before anything is
 * written: a refusal is the message to answer with, and nothing changes; otherwise `write` makes
 * the whole change and must run inside the caller's transaction (one update for every screen).
 */
export type PlannedChange = { ok: true; write: () => void } | { ok: false; message: string }

const refused = (message: string): PlannedChange => ({ ok: false, message })
const iso = (now: number) => new Date(now).toISOString()

/** Moves a project to another stage (either way), recorded with who, when and why. */
export function planMove(
  canvas: CanvasMap,
  change: { to: Stage; why: string; by: string },
  now: number,
): PlannedChange {
  const tracking = readProjectTracking(canvas)
  const refusal = moveRefusal(tracking, change.to, change.why)
  if (refusal) return refused(refusal)
  const move = {
    from: tracking.stage,
    to: change.to,
    at: iso(now),
    by: change.by,
    why: change.why.trim(),
  }
  const next = withMove(tracking, move, now)
  return { ok: true, write: () => writeMove(canvas, next, move) }
}

/** Ends a project as succeeded or stopped, in the stage it is in, with why. */
export function planEnd(
  canvas: CanvasMap,
  change: { outcome: Outcome; why: string; by: string },
  now: number,
): PlannedChange {
  const tracking = readProjectTracking(canvas)
  const refusal = endRefusal(tracking, change.why)
  if (refusal) return refused(refusal)
  const end = {
    outcome: change.outcome,
    stage: tracking.stage,
    why: change.why.trim(),
    by: change.by,
    at: iso(now),
  }
  const next = withEnd(tracking, end, now)
  return { ok: true, write: () => writeEnd(canvas, next, end) }
}

/** Answers a gate question of a stage: yes, no or not yet, with a note. */
export function planGateAnswer(
  canvas: CanvasMap,
  change: { stage: string; question: string; answer: GateAnswer; note: string; by: string },
  now: number,
): PlannedChange {
  const refusal = gateRefusal(change.stage, change.question)
  if (refusal) return refused(refusal)
  const record = { answer: change.answer, note: change.note.trim(), by: change.by, at: iso(now) }
  const id = gateId(change.stage as Stage, change.question)
  return { ok: true, write: () => setGate(canvas, id, record) }
}

/** Sets one date of a stage (null clears it). */
export function planStageDate(
  canvas: CanvasMap,
  change: { stage: Stage; key: StageDateKey; day: string | null },
): PlannedChange {
  const current = readProjectTracking(canvas).dates[change.stage] ?? noDates()
  const next = { ...current, [change.key]: change.day }
  return { ok: true, write: () => setStageDates(canvas, change.stage, next) }
}

/** Links a hypothesis that serves the project; linking one twice keeps one link. */
export function planLink(canvas: CanvasMap, link: HypothesisLink): PlannedChange {
  const links = readProjectTracking(canvas).links
  if (links.some((l) => linkKey(l) === linkKey(link))) return { ok: true, write: () => {} }
  if (links.length >= MaxLinkedHypotheses) {
    return refused(`A project links at most ${MaxLinkedHypotheses} hypotheses`)
  }
  return { ok: true, write: () => addLink(canvas, link) }
}

/** Unlinks a hypothesis (nothing happens when it was not linked). */
export const planUnlink = (canvas: CanvasMap, link: HypothesisLink): PlannedChange => ({
  ok: true,
  write: () => removeLink(canvas, link),
})
