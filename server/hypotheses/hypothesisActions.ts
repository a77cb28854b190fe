import { MaxMeasurementsPerHypothesis, type MeasurementInput } from '../../shared/api/hypotheses.js'
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
} from '../../shared/canvases/hypothesis/tracking.js'
import { decisionRefusal } from '../../shared/canvases/hypothesis/decision.js'
import {
  freshMeasurements,
  measurementsRefusal,
} from '../../shared/canvases/hypothesis/recording.js'
import { standingVerdict } from '../../shared/canvases/hypothesis/standing.js'
import { newId } from '../../shared/canvases/schema.js'
import { type Metric } from '../../shared/canvases/hypothesis/metric.js'
import { setMetrics } from '../../shared/canvases/hypothesis/metricDoc.js'
import { readCanvas } from '../../shared/doc/canvasDoc.js'
import { writeDecision } from '../../shared/canvases/hypothesis/decisionDoc.js'
import {
  appendAmendment,
  appendLesson,
  appendMeasurements,
  readStatus,
  readTracking,
  readTrackingSummary,
  setStatus,
  setTimebox,
} from '../../shared/canvases/hypothesis/trackingDoc.js'
import { ApiError } from '../http/errors.js'
import type { MeasurementCache } from './measurementCache.js'
import type { FoundCanvas } from '../routes/boardDoc.js'

const iso = (t: number) => new Date(t).toISOString()

/** The API view of a hypothesis canvas as it is now. */
export function viewOf(found: FoundCanvas, now: number): HypothesisView {
  const content = readCanvas(found.content.id, found.map)!
  return hypothesisView(content, readTracking(found.map), now)
}

/** The verdict as of `now`, read the cheap way (ingestion answers with it on every request). */
export function verdictOf(found: FoundCanvas, now: number, cache: MeasurementCache) {
  const content = readCanvas(found.content.id, found.map)!
  const summary = readTrackingSummary(found.map, (canvas) => cache.of(canvas).latest())
  return standingVerdict(content.metrics ?? [], summary.latest, summary, now)
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
export async function recordMeasurements(
  found: FoundCanvas,
  rows: readonly MeasurementInput[],
  baselineDefault: boolean,
  by: string,
  now: number,
  cache: MeasurementCache,
) {
  const status = readStatus(found.map)
  const refusal = measurementsRefusal(status, rows, baselineDefault)
  if (refusal) throw new ApiError('conflict', refusal)
  // Ids recorded before (from the cache) and ids taken by earlier rows of this request.
  const recorded = cache.of(found.map)
  const taken = new Set<string>()
  const seen = {
    has: (id: string) => recorded.has(id) || taken.has(id),
    add: (id: string) => taken.add(id),
  }
  const fresh = freshMeasurements(rows, seen, {
    baseline: baselineDefault,
    by,
    now,
    newId: () => newId(16),
  })
  if (recorded.count() + fresh.length > MaxMeasurementsPerHypothesis) {
    throw new ApiError(
      'payload_too_large',
      `A hypothesis keeps at most ${MaxMeasurementsPerHypothesis} measurements; it has ${recorded.count()}`,
    )
  }
  if (fresh.length > 0) await found.room.transact(() => appendMeasurements(found.map, fresh))
  return { recorded: fresh.length, duplicates: rows.length - fresh.length, status }
}

/**
 * Records the decision and closes the hypothesis. A pivot creates a successor hypothesis on the
 * same board with the problem and customers carried over, linked both ways.
 */
export async function decide(
  found: FoundCanvas,
  decision: Decision,
  rationale: string,
  by: string,
  now: number,
): Promise<string | null> {
  const tracking = readTracking(found.map)
  const record = { decision, rationale, by, at: iso(now) }
  const metrics = found.content.metrics ?? []
  const error = decisionRefusal(tracking.status, tracking.decision, metrics, record)
  if (error) throw new ApiError('conflict', error)
  let successorId: string | null = null
  await found.room.transact((doc) => {
    successorId = writeDecision(doc, found.map, found.content, record)
  })
  return successorId
}

/** Appends a dated, attributed lesson to the log. */
export async function addLesson(
  found: FoundCanvas,
  text: string,
  by: string,
  now: number,
): Promise<Lesson> {
  const lesson = { id: newId(), text, by, at: iso(now) }
  await found.room.transact(() => appendLesson(found.map, lesson))
  return lesson
}
