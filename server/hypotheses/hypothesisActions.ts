import type { MeasurementInput } from '../../shared/api/hypotheses.js'
import {
  DefaultTimeboxDays,
  transitionError,
  type Decision,
  type HypothesisStatus,
  type Measurement,
} from '../../shared/canvases/hypothesis/tracking.js'
import { hypothesisView } from '../../shared/canvases/hypothesis/summary.js'
import { newId, type Metric } from '../../shared/canvases/schema.js'
import { emptyCanvas, readCanvas, setMetrics, writeCanvas } from '../../shared/doc/canvasDoc.js'
import {
  appendAmendment,
  appendLesson,
  appendMeasurements,
  readTracking,
  setDecision,
  setLink,
  setStatus,
  setTimebox,
} from '../../shared/doc/hypothesisDoc.js'
import { ApiError } from '../http/errors.js'
import type { FoundCanvas } from '../routes/boardDoc.js'

const DAY_MS = 24 * 60 * 60 * 1000
const iso = (t: number) => new Date(t).toISOString()

/** The API view of a hypothesis canvas as it is now. */
export function viewOf(found: FoundCanvas, now: number) {
  const content = readCanvas(found.content.id, found.map)!
  return hypothesisView(content, readTracking(found.map), now)
}

/**
 * Moves a hypothesis to `to` under the lifecycle rules; starting it locks the criteria and
 * starts the time box. Throws a 409 that says what is missing.
 */
export function changeStatus(
  found: FoundCanvas,
  to: HypothesisStatus,
  now: number,
  timeboxDays?: number,
) {
  const tracking = readTracking(found.map)
  const error = transitionError(tracking.status, to, found.content.metrics ?? [], tracking.decision)
  if (error) throw new ApiError('conflict', error)
  found.room.transact(() => {
    setStatus(found.map, to)
    if (to === 'running' && tracking.status !== 'running') {
      const days = timeboxDays ?? tracking.timebox.days ?? DefaultTimeboxDays
      setTimebox(found.map, { start: iso(now), end: iso(now + days * DAY_MS), days })
    }
  })
}

/** Whether the criteria are locked (a change must then be an amendment with a reason). */
export const criteriaLocked = (status: HypothesisStatus) => status !== 'draft' && status !== 'ready'

/** Replaces the metrics; once locked, every change is recorded as a dated, attributed amendment. */
export function changeMetrics(
  found: FoundCanvas,
  metrics: Metric[],
  reason: string | undefined,
  by: string,
  now: number,
) {
  const tracking = readTracking(found.map)
  if (!criteriaLocked(tracking.status)) {
    found.room.transact(() => setMetrics(found.map, metrics))
    return
  }
  if (!reason) {
    throw new ApiError(
      'conflict',
      'The criteria are locked while the hypothesis runs: give a reason to amend them',
    )
  }
  const before = new Map((found.content.metrics ?? []).map((m) => [m.key, m]))
  const after = new Map(metrics.map((m) => [m.key, m]))
  const keys = new Set([...before.keys(), ...after.keys()])
  found.room.transact(() => {
    for (const key of keys) {
      const b = before.get(key) ?? null
      const a = after.get(key) ?? null
      if (JSON.stringify(b) === JSON.stringify(a)) continue
      appendAmendment(found.map, {
        id: newId(),
        metric: key,
        at: iso(now),
        by,
        reason,
        before: b,
        after: a,
      })
    }
    setMetrics(found.map, metrics)
  })
}

/**
 * Records measurements all or nothing: refuses them (409) unless the hypothesis runs or they
 * are baselines; an id seen before is recorded once.
 */
export function recordMeasurements(
  found: FoundCanvas,
  rows: MeasurementInput[],
  baselineDefault: boolean,
  by: string,
  now: number,
) {
  const tracking = readTracking(found.map)
  const isBaseline = (r: MeasurementInput) => r.baseline ?? baselineDefault
  if (tracking.status !== 'running' && rows.some((r) => !isBaseline(r))) {
    throw new ApiError(
      'conflict',
      `The hypothesis is ${tracking.status}, not running: only baseline measurements are accepted (mark them "baseline": true)`,
    )
  }
  const seen = new Set(tracking.measurements.map((m) => m.id))
  const fresh: Measurement[] = []
  for (const r of rows) {
    const id = r.id ?? newId(16)
    if (seen.has(id)) continue
    seen.add(id)
    fresh.push({
      id,
      metric: r.metric,
      value: r.value,
      at: r.at ? iso(Date.parse(r.at)) : iso(now),
      source: r.source ?? null,
      baseline: isBaseline(r),
      recordedAt: iso(now),
      by,
    })
  }
  if (fresh.length > 0) found.room.transact(() => appendMeasurements(found.map, fresh))
  return { recorded: fresh.length, duplicates: rows.length - fresh.length }
}

/**
 * Records the decision and closes the hypothesis. A pivot creates a successor hypothesis on the
 * same board with the problem and customers carried over, linked both ways.
 */
export function decide(
  found: FoundCanvas,
  decision: Decision,
  rationale: string,
  by: string,
  now: number,
) {
  const tracking = readTracking(found.map)
  const record = { decision, rationale, by, at: iso(now) }
  const error = transitionError(tracking.status, 'decided', found.content.metrics ?? [], record)
  if (error) throw new ApiError('conflict', error)
  let successorId: string | null = null
  found.room.transact((doc) => {
    setDecision(found.map, record)
    setStatus(found.map, 'decided')
    if (decision !== 'pivot') return
    const successor = emptyCanvas('hypothesis', `${found.content.title} (pivot)`)
    const carry = (key: string) =>
      (found.content.boxes[key] ?? []).map((i) => ({ id: newId(), text: i.text }))
    successor.boxes.problem = carry('problem')
    successor.boxes.customers = carry('customers')
    const map = writeCanvas(doc, successor)
    setLink(map, 'predecessor', found.content.id)
    setLink(found.map, 'successor', successor.id)
    successorId = successor.id
  })
  return successorId
}

/** Appends a lesson to the log. */
export function addLesson(found: FoundCanvas, text: string, by: string, now: number) {
  const id = newId()
  found.room.transact(() => appendLesson(found.map, { id, text, by, at: iso(now) }))
  return id
}
