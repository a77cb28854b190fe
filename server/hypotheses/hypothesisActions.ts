import type { MeasurementInput } from '../../shared/api/hypotheses.js'
import { hypothesisView, type HypothesisView } from '../../shared/canvases/hypothesis/summary.js'
import {
  DefaultTimeboxDays,
  amendmentsFor,
  criteriaLocked,
  incompleteCriteria,
  startedTimebox,
  transitionError,
  type Decision,
  type HypothesisStatus,
  type Lesson,
  type Measurement,
} from '../../shared/canvases/hypothesis/tracking.js'
import { toMeasurement } from '../../shared/canvases/hypothesis/measurementInput.js'
import { computeVerdict } from '../../shared/canvases/hypothesis/verdict.js'
import { newId, type Metric } from '../../shared/canvases/schema.js'
import { emptyCanvas, readCanvas, setMetrics, writeCanvas } from '../../shared/doc/canvasDoc.js'
import {
  appendAmendment,
  appendLesson,
  appendMeasurements,
  measurementIds,
  readStatus,
  readTracking,
  readTrackingSummary,
  setDecision,
  setLink,
  setStatus,
  setTimebox,
} from '../../shared/doc/hypothesisDoc.js'
import { ApiError } from '../http/errors.js'
import type { FoundCanvas } from '../routes/boardDoc.js'

const TITLE_MAX = 200
const iso = (t: number) => new Date(t).toISOString()

/** The API view of a hypothesis canvas as it is now. */
export function viewOf(found: FoundCanvas, now: number): HypothesisView {
  const content = readCanvas(found.content.id, found.map)!
  return hypothesisView(content, readTracking(found.map), now)
}

/** The verdict as of `now`, read the cheap way (ingestion answers with it on every request). */
export function verdictOf(found: FoundCanvas, now: number) {
  const content = readCanvas(found.content.id, found.map)!
  const summary = readTrackingSummary(found.map)
  return computeVerdict(content.metrics ?? [], summary.latest, summary.timebox.end, now)
}

/** What a PATCH asks of a hypothesis beyond its boxes and fields. */
export interface HypothesisChange {
  metrics?: Metric[]
  status?: HypothesisStatus
  timeboxDays?: number
  reason?: string
  by: string
}

/**
 * Checks a whole hypothesis change against the lifecycle rules and returns the edit that makes
 * it, so a PATCH either applies in full or not at all. Throws a 409 that says what is wrong.
 * The returned function must run inside the room's transaction.
 */
export function planHypothesisChange(
  found: FoundCanvas,
  change: HypothesisChange,
  now: number,
): () => void {
  const tracking = readTracking(found.map)
  const current = found.content.metrics ?? []
  const metrics = change.metrics ?? current
  const edits: (() => void)[] = []

  if (change.metrics) {
    if (criteriaLocked(tracking.status)) {
      const amendments = amendmentsFor(current, change.metrics, {
        at: iso(now),
        by: change.by,
        reason: change.reason ?? '',
        newId,
      })
      if (amendments.length > 0 && !change.reason) {
        throw new ApiError(
          'conflict',
          `The criteria are locked since the hypothesis started: give a "reason" to amend ${amendments.map((a) => a.metric).join(', ')}`,
        )
      }
      for (const amendment of amendments) edits.push(() => appendAmendment(found.map, amendment))
    } else if (tracking.status === 'ready' && (change.status ?? 'ready') === 'ready') {
      const missing = incompleteCriteria(change.metrics)
      if (missing.length > 0 || !change.metrics.some((m) => m.kind === 'success')) {
        throw new ApiError(
          'conflict',
          `A ready hypothesis needs every success criterion with a baseline and a target${missing.length > 0 ? ` (${missing.join(', ')})` : ''}: move it back to draft first`,
        )
      }
    }
    const next = change.metrics
    edits.push(() => setMetrics(found.map, next))
  }

  let days = tracking.timebox.days
  if (change.timeboxDays !== undefined && change.timeboxDays !== days) {
    if (tracking.timebox.start !== null) {
      throw new ApiError(
        'conflict',
        'The time box is fixed once the hypothesis runs: agree a new hypothesis instead',
      )
    }
    days = change.timeboxDays
    const timebox = { ...tracking.timebox, days }
    edits.push(() => setTimebox(found.map, timebox))
  }

  const to = change.status
  if (to !== undefined && to !== tracking.status) {
    const error = transitionError(tracking.status, to, metrics, tracking.decision)
    if (error) throw new ApiError('conflict', error)
    edits.push(() => setStatus(found.map, to))
    if (to === 'running') {
      const timebox = startedTimebox(days ?? DefaultTimeboxDays, now)
      edits.push(() => setTimebox(found.map, timebox))
    }
  }
  return () => edits.forEach((edit) => edit())
}

/**
 * Records measurements all or nothing: refuses them (409) unless the hypothesis runs or they
 * are baselines; an id seen before (or twice in `rows`) is recorded once. Reading what is
 * there and appending happen in one synchronous step, so concurrent requests cannot both
 * record one id.
 */
export function recordMeasurements(
  found: FoundCanvas,
  rows: readonly MeasurementInput[],
  baselineDefault: boolean,
  by: string,
  now: number,
) {
  const status = readStatus(found.map)
  const isBaseline = (r: MeasurementInput) => r.baseline ?? baselineDefault
  if (status !== 'running' && rows.some((r) => !isBaseline(r))) {
    throw new ApiError(
      'conflict',
      `The hypothesis is ${status}, not running: only baseline measurements are accepted now (mark them "baseline": true)`,
    )
  }
  const seen = measurementIds(found.map)
  const fresh: Measurement[] = []
  for (const r of rows) {
    const id = r.id ?? newId(16)
    if (seen.has(id)) continue
    seen.add(id)
    fresh.push(toMeasurement({ ...r, id }, { baseline: baselineDefault, by, now, id }))
  }
  if (fresh.length > 0) found.room.transact(() => appendMeasurements(found.map, fresh))
  return { recorded: fresh.length, duplicates: rows.length - fresh.length, status }
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
): string | null {
  const tracking = readTracking(found.map)
  if (tracking.status === 'decided') {
    throw new ApiError(
      'conflict',
      `This hypothesis was decided already (${tracking.decision?.decision})`,
    )
  }
  const record = { decision, rationale, by, at: iso(now) }
  const error = transitionError(tracking.status, 'decided', found.content.metrics ?? [], record)
  if (error) throw new ApiError('conflict', error)
  let successorId: string | null = null
  found.room.transact((doc) => {
    setDecision(found.map, record)
    setStatus(found.map, 'decided')
    if (decision !== 'pivot') return
    const suffix = ' (pivot)'
    const title = `${found.content.title.slice(0, TITLE_MAX - suffix.length)}${suffix}`
    const successor = emptyCanvas('hypothesis', title)
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

/** Appends a dated, attributed lesson to the log. */
export function addLesson(found: FoundCanvas, text: string, by: string, now: number): Lesson {
  const lesson = { id: newId(), text, by, at: iso(now) }
  found.room.transact(() => appendLesson(found.map, lesson))
  return lesson
}
