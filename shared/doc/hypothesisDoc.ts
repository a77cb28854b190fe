import * as Y from 'yjs'
import {
  AmendmentSchema,
  DecisionRecordSchema,
  HypothesisStatuses,
  MeasurementSchema,
  TimeboxSchema,
  emptyTracking,
  type Amendment,
  type DecisionRecord,
  type HypothesisStatus,
  type HypothesisTracking,
  type Lesson,
  type Measurement,
  type Timebox,
} from '../canvases/hypothesis/tracking.js'
import { EntityIdSchema } from '../canvases/schema.js'
import { getBoxItems, type CanvasMap } from './canvasDoc.js'
import { yText } from './ytext.js'

/**
 * Layout of what a hypothesis canvas tracks, beside its boxes (see canvasDoc.ts):
 *   status: string · timebox: { start, end, days } · decision: { decision, rationale, by, at } | null
 *   measurements: Y.Array<Measurement> (append-only, plain JSON)
 *   amendments:   Y.Array<Amendment>   (append-only, plain JSON)
 *   predecessor, successor: canvas ids
 * Lessons learned are the items of the `lessons` box, each with `at` and `by` besides its text.
 */
const Keys = {
  status: 'status',
  timebox: 'timebox',
  decision: 'decision',
  measurements: 'measurements',
  amendments: 'amendments',
  predecessor: 'predecessor',
  successor: 'successor',
} as const

function appendOnly(canvas: CanvasMap, key: string): Y.Array<unknown> {
  const value = canvas.get(key)
  if (value instanceof Y.Array) return value
  const array = new Y.Array<unknown>()
  canvas.set(key, array)
  return array
}

const validEntries = <T>(value: unknown, parse: (v: unknown) => T | undefined): T[] =>
  value instanceof Y.Array
    ? value
        .toArray()
        .map(parse)
        .filter((v): v is T => v !== undefined)
    : []

/** Reads the tracked state of a hypothesis canvas, validating what others wrote. */
export function readTracking(canvas: CanvasMap): HypothesisTracking {
  const base = emptyTracking()
  const status = canvas.get(Keys.status)
  const lessons: Lesson[] = getBoxItems(canvas, 'lessons')
    .toArray()
    .map((m) => ({
      id: String(m.get('id')),
      text: String(m.get('text') ?? ''),
      at: typeof m.get('at') === 'string' ? (m.get('at') as string) : '',
      by: typeof m.get('by') === 'string' ? (m.get('by') as string) : '',
    }))
  const id = (v: unknown) => EntityIdSchema.safeParse(v).data ?? null
  return {
    status: HypothesisStatuses.includes(status as HypothesisStatus)
      ? (status as HypothesisStatus)
      : base.status,
    timebox: TimeboxSchema.safeParse(canvas.get(Keys.timebox)).data ?? base.timebox,
    measurements: validEntries(
      canvas.get(Keys.measurements),
      (v) => MeasurementSchema.safeParse(v).data,
    ),
    amendments: validEntries(canvas.get(Keys.amendments), (v) => AmendmentSchema.safeParse(v).data),
    decision: DecisionRecordSchema.safeParse(canvas.get(Keys.decision)).data ?? null,
    lessons,
    predecessor: id(canvas.get(Keys.predecessor)),
    successor: id(canvas.get(Keys.successor)),
  }
}

export const setStatus = (canvas: CanvasMap, status: HypothesisStatus) =>
  canvas.set(Keys.status, status)
export const setTimebox = (canvas: CanvasMap, timebox: Timebox) => canvas.set(Keys.timebox, timebox)
export const setDecision = (canvas: CanvasMap, decision: DecisionRecord | null) =>
  canvas.set(Keys.decision, decision)
export const setLink = (canvas: CanvasMap, which: 'predecessor' | 'successor', id: string | null) =>
  canvas.set(Keys[which], id)

/** Appends measurements (callers check ids for idempotency first). */
export const appendMeasurements = (canvas: CanvasMap, measurements: readonly Measurement[]) =>
  appendOnly(canvas, Keys.measurements).push([...measurements])

export const appendAmendment = (canvas: CanvasMap, amendment: Amendment) =>
  appendOnly(canvas, Keys.amendments).push([amendment])

/** Appends a dated, attributed lesson to the lessons-learned log. */
export function appendLesson(canvas: CanvasMap, lesson: Lesson) {
  const item = new Y.Map<unknown>()
  item.set('id', lesson.id)
  item.set('text', yText(lesson.text))
  item.set('at', lesson.at)
  item.set('by', lesson.by)
  getBoxItems(canvas, 'lessons').push([item])
}

/** Writes a whole tracked state (used by import). */
export function writeTracking(canvas: CanvasMap, tracking: HypothesisTracking) {
  setStatus(canvas, tracking.status)
  setTimebox(canvas, tracking.timebox)
  setDecision(canvas, tracking.decision)
  setLink(canvas, 'predecessor', tracking.predecessor)
  setLink(canvas, 'successor', tracking.successor)
  if (tracking.measurements.length > 0) appendMeasurements(canvas, tracking.measurements)
  for (const a of tracking.amendments) appendAmendment(canvas, a)
}
