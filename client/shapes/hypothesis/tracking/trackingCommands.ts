import type * as Y from 'yjs'
import type { MeasurementInput } from '../../../../shared/api/hypotheses'
import { decisionRefusal } from '../../../../shared/canvases/hypothesis/decision'
import {
  freshMeasurements,
  measurementsRefusal,
} from '../../../../shared/canvases/hypothesis/recording'
import {
  amendmentsFor,
  criteriaLocked,
  startedTimebox,
  transitionError,
  type Decision,
  type HypothesisStatus,
} from '../../../../shared/canvases/hypothesis/tracking'
import { newId } from '../../../../shared/canvases/schema'
import { type Metric } from '../../../../shared/canvases/hypothesis/metric'
import { isHypothesis } from '../../../../shared/canvases/hypothesis/content'
import { setMetrics } from '../../../../shared/canvases/hypothesis/metricDoc'
import { getBoardCanvases, readCanvas, type CanvasMap } from '../../../../shared/doc/canvasDoc'
import { writeDecision } from '../../../../shared/canvases/hypothesis/decisionDoc'
import {
  appendAmendment,
  appendLesson,
  appendMeasurements,
  measurementIds,
  readTracking,
  setStatus,
  setTimebox,
} from '../../../../shared/canvases/hypothesis/trackingDoc'
import { LocalOrigin } from '../../../../shared/doc/layout'
import { LocalRecordOrigin } from '../../../../shared/doc/recordOrigin'
import { jsonBytes, measurementBatchRefusal } from '../../../sync/changeLimits'

/**
 * What a person does to a hypothesis on the canvas, under the rules the API applies
 * (server/hypotheses/hypothesisActions.ts): each checks with the shared rules, then writes
 * through the shared document helpers in one local transaction, so every screen sees the whole
 * change at once. A refusal is the message to show; nothing is written then. What is a record
 * (every change here but editing criteria before they lock) carries `LocalRecordOrigin`, so
 * undo in a canvas cannot take it back.
 */
export type Outcome<T = object> = ({ ok: true } & T) | { ok: false; message: string }

const iso = (t: number) => new Date(t).toISOString()

function hypothesis(doc: Y.Doc, canvasId: string) {
  const map = getBoardCanvases(doc).get(canvasId)
  const content = map ? readCanvas(canvasId, map) : undefined
  if (!map || !content || !isHypothesis(content)) return undefined
  return { map: map as CanvasMap, content, metrics: content.metrics ?? [] }
}

const gone: Outcome<never> = { ok: false, message: 'This hypothesis is no longer on the board' }

/** Moves a hypothesis to `to`; starting it locks the criteria and starts its time box. */
export function moveHypothesis(
  doc: Y.Doc,
  canvasId: string,
  to: HypothesisStatus,
  now: number,
): Outcome {
  const found = hypothesis(doc, canvasId)
  if (!found) return gone
  const tracking = readTracking(found.map)
  if (to === 'decided') return { ok: false, message: 'Record a decision to close the hypothesis' }
  const error = transitionError(tracking.status, to, found.metrics, tracking.decision)
  if (error) return { ok: false, message: error }
  doc.transact(() => {
    setStatus(found.map, to)
    if (to === 'running') setTimebox(found.map, startedTimebox(tracking.timebox.days, now))
  }, LocalRecordOrigin)
  return { ok: true }
}

/** Sets how many days the time box will run; fixed once the hypothesis has started. */
export function setTimeboxDays(doc: Y.Doc, canvasId: string, days: number): Outcome {
  const found = hypothesis(doc, canvasId)
  if (!found) return gone
  const { timebox } = readTracking(found.map)
  if (timebox.start !== null) {
    return { ok: false, message: 'The time box is fixed once the hypothesis runs' }
  }
  if (!Number.isInteger(days) || days < 1 || days > 366) {
    return { ok: false, message: 'A time box is a whole number of days, from 1 to 366' }
  }
  doc.transact(() => setTimebox(found.map, { ...timebox, days }), LocalOrigin)
  return { ok: true }
}

/**
 * Records checked rows all or nothing; an id recorded before counts once. Not running, only
 * baseline readings are taken, as through the API, and no more rows or bytes at once than the
 * API takes in one request: the board's server refuses a change much larger than that.
 */
export function recordMeasurements(
  doc: Y.Doc,
  canvasId: string,
  rows: readonly MeasurementInput[],
  context: { baseline: boolean; by: string; now: number },
): Outcome<{ recorded: number; duplicates: number }> {
  const found = hypothesis(doc, canvasId)
  if (!found) return gone
  const tooMuch = measurementBatchRefusal(
    { rows: rows.length, bytes: jsonBytes(rows) },
    'to record',
  )
  if (tooMuch) return { ok: false, message: tooMuch }
  const status = readTracking(found.map).status
  const refusal = measurementsRefusal(status, rows, context.baseline)
  if (refusal) return { ok: false, message: refusal }
  const fresh = freshMeasurements(rows, measurementIds(found.map), {
    ...context,
    newId: () => newId(16),
  })
  if (fresh.length > 0) {
    doc.transact(() => appendMeasurements(found.map, fresh), LocalRecordOrigin)
  }
  return { ok: true, recorded: fresh.length, duplicates: rows.length - fresh.length }
}

/**
 * Replaces the metrics. Once the criteria are locked a reason is required, and each changed,
 * added or removed metric is kept as a dated, attributed amendment in the same transaction.
 */
export function changeCriteria(
  doc: Y.Doc,
  canvasId: string,
  next: readonly Metric[],
  change: { reason: string; by: string; now: number },
): Outcome<{ amended: number }> {
  const found = hypothesis(doc, canvasId)
  if (!found) return gone
  const locked = criteriaLocked(readTracking(found.map).status)
  const reason = change.reason.trim()
  const amendments = locked
    ? amendmentsFor(found.metrics, next, { at: iso(change.now), by: change.by, reason, newId })
    : []
  if (amendments.length > 0 && reason === '') {
    return { ok: false, message: 'The criteria are locked: say why they change' }
  }
  // Before the lock, changing the criteria is drafting them, and undoable like typing.
  doc.transact(
    () => {
      for (const amendment of amendments) appendAmendment(found.map, amendment)
      setMetrics(found.map, next)
    },
    locked ? LocalRecordOrigin : LocalOrigin,
  )
  return { ok: true, amended: amendments.length }
}

/** Records the decision and closes the hypothesis; a pivot creates its linked successor. */
export function decideHypothesis(
  doc: Y.Doc,
  canvasId: string,
  decision: { decision: Decision; rationale: string; by: string; now: number },
): Outcome<{ successorId: string | null }> {
  const found = hypothesis(doc, canvasId)
  if (!found) return gone
  const tracking = readTracking(found.map)
  const record = {
    decision: decision.decision,
    rationale: decision.rationale.trim(),
    by: decision.by,
    at: iso(decision.now),
  }
  const error = decisionRefusal(tracking.status, tracking.decision, found.metrics, record)
  if (error) return { ok: false, message: error }
  let successorId: string | null = null
  doc.transact(() => {
    successorId = writeDecision(doc, found.map, found.content, record)
  }, LocalRecordOrigin)
  return { ok: true, successorId }
}

/** Appends a dated, attributed lesson to the log. */
export function addLesson(
  doc: Y.Doc,
  canvasId: string,
  lesson: { text: string; by: string; now: number },
): Outcome {
  const found = hypothesis(doc, canvasId)
  if (!found) return gone
  const text = lesson.text.trim()
  if (text === '') return { ok: false, message: 'Write the lesson first' }
  if (text.length > 4000) return { ok: false, message: 'A lesson is at most 4000 characters' }
  doc.transact(
    () => appendLesson(found.map, { id: newId(), text, by: lesson.by, at: iso(lesson.now) }),
    LocalRecordOrigin,
  )
  return { ok: true }
}
