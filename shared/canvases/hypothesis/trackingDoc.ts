import * as Y from 'yjs'
import {
  AmendmentSchema,
  DecisionRecordSchema,
  HistoryNoteSchema,
  HypothesisStatuses,
  LessonSchema,
  MeasurementSchema,
  TimeboxSchema,
  emptyTracking,
  type Amendment,
  type DecisionRecord,
  type HistoryNote,
  type HypothesisStatus,
  type HypothesisTracking,
  type Lesson,
  type Measurement,
  type Timebox,
} from './tracking.js'
import type { MeasurementPoint } from './verdict.js'
import { EntityIdSchema } from '../baseContent.js'
import { getBoxItems, type CanvasMap } from '../../doc/canvasMap.js'
import { yText } from '../../doc/ytext.js'
import { readCheckinTracking, writeCheckinTracking } from '../../checkins/checkinDoc.js'

/**
 * Layout of what a hypothesis canvas tracks, beside its boxes (see canvasDoc.ts):
 *   status: string · timebox: { start, end, days } · decision: { decision, rationale, by, at } | null
 *   measurements: Y.Array<Measurement> (append-only, plain JSON)
 *   amendments:   Y.Array<Amendment>   (append-only, plain JSON)
 *   predecessor, successor: canvas ids
 *   history:      Y.Array<HistoryNote>    (append-only, plain JSON; what an import restored)
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
  history: 'history',
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

/** The items of the lessons box, without creating anything: reading must never edit. */
function lessonItems(canvas: CanvasMap): Y.Map<unknown>[] {
  const boxes = canvas.get('boxes')
  const items = boxes instanceof Y.Map ? boxes.get('lessons') : undefined
  return items instanceof Y.Array
    ? items.toArray().filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    : []
}

function readLesson(item: Y.Map<unknown>): Lesson | undefined {
  const text = item.get('text')
  return LessonSchema.safeParse({
    id: item.get('id'),
    text: text instanceof Y.Text ? text.toString() : typeof text === 'string' ? text : '',
    at: item.get('at') ?? null,
    by: item.get('by') ?? '',
  }).data
}

/** The status alone, cheaper than reading everything. */
export function readStatus(canvas: CanvasMap): HypothesisStatus {
  const status = canvas.get(Keys.status)
  return HypothesisStatuses.includes(status as HypothesisStatus)
    ? (status as HypothesisStatus)
    : 'draft'
}

/** The measurements array of a canvas, if it has one (never created by reading). */
export function getMeasurementsArray(canvas: CanvasMap): Y.Array<unknown> | undefined {
  const array = canvas.get(Keys.measurements)
  return array instanceof Y.Array ? array : undefined
}

/**
 * Folds measurement entries, in document order, into the ids seen and the latest
 * non-baseline value of each metric (the same choice as `latestValues`), without validating
 * every entry with the full schema: a hypothesis may hold many thousands of measurements and
 * this runs on every ingestion and index pass. Entries are checked field by field; one that
 * does not hold up gives no value (its id still counts as taken).
 */
export class MeasurementFold {
  readonly ids = new Set<string>()
  private readonly latest = new Map<string, { point: MeasurementPoint; time: number }>()

  add(entry: unknown) {
    if (!entry || typeof entry !== 'object') return
    const { id, metric, value, at, baseline } = entry as Record<string, unknown>
    if (typeof id !== 'string' || this.ids.has(id)) return
    this.ids.add(id)
    if (baseline !== false || typeof metric !== 'string' || typeof at !== 'string') return
    if (typeof value !== 'number' || !Number.isFinite(value)) return
    const time = Date.parse(at)
    if (Number.isNaN(time)) return
    const current = this.latest.get(metric)
    if (!current || time >= current.time) {
      this.latest.set(metric, { point: { metric, value, at, baseline: false }, time })
    }
  }

  /** The latest value of each metric, in the order the metrics first appeared. */
  latestPoints(): MeasurementPoint[] {
    return [...this.latest.values()].map((l) => l.point)
  }
}

const foldAll = (canvas: CanvasMap) => {
  const fold = new MeasurementFold()
  for (const entry of getMeasurementsArray(canvas)?.toArray() ?? []) fold.add(entry)
  return fold
}

/** The ids of the recorded measurements, for idempotency checks. */
export const measurementIds = (canvas: CanvasMap): Set<string> => foldAll(canvas).ids

/**
 * Reads the tracked state of a hypothesis canvas, validating what others wrote. A measurement
 * id recorded twice (two offline clients, say) counts once: the first one wins.
 */
export function readTracking(canvas: CanvasMap): HypothesisTracking {
  const base = emptyTracking()
  const id = (v: unknown) => EntityIdSchema.safeParse(v).data ?? null
  const seen = new Set<string>()
  const measurements = validEntries(
    canvas.get(Keys.measurements),
    (v) => MeasurementSchema.safeParse(v).data,
  ).filter((m) => !seen.has(m.id) && seen.add(m.id))
  return {
    status: readStatus(canvas),
    timebox: TimeboxSchema.safeParse(canvas.get(Keys.timebox)).data ?? base.timebox,
    measurements,
    amendments: validEntries(canvas.get(Keys.amendments), (v) => AmendmentSchema.safeParse(v).data),
    decision: DecisionRecordSchema.safeParse(canvas.get(Keys.decision)).data ?? null,
    lessons: lessonItems(canvas)
      .map(readLesson)
      .filter((l): l is Lesson => l !== undefined),
    predecessor: id(canvas.get(Keys.predecessor)),
    successor: id(canvas.get(Keys.successor)),
    history: validEntries(canvas.get(Keys.history), (v) => HistoryNoteSchema.safeParse(v).data),
    ...readCheckinTracking(canvas),
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

export const appendHistoryNote = (canvas: CanvasMap, note: HistoryNote) =>
  appendOnly(canvas, Keys.history).push([note])

/** Dates and attributes the lessons that have neither (given when the canvas was created). */
export function stampLessons(canvas: CanvasMap, stamp: { at: string; by: string }) {
  for (const item of lessonItems(canvas)) {
    if (item.get('at') === undefined || item.get('at') === null) {
      item.set('at', stamp.at)
      item.set('by', stamp.by)
    }
  }
}

/** Appends a dated, attributed lesson to the lessons-learned log. */
export function appendLesson(canvas: CanvasMap, lesson: Lesson) {
  const item = new Y.Map<unknown>()
  item.set('id', lesson.id)
  item.set('text', yText(lesson.text))
  item.set('at', lesson.at)
  item.set('by', lesson.by)
  getBoxItems(canvas, 'lessons').push([item])
}

/**
 * Writes a whole tracked state (used by import) into a canvas whose boxes are written already:
 * the lessons are the items of the lessons box, and get their date and author here.
 */
export function writeTracking(canvas: CanvasMap, tracking: HypothesisTracking) {
  setStatus(canvas, tracking.status)
  setTimebox(canvas, tracking.timebox)
  setDecision(canvas, tracking.decision)
  setLink(canvas, 'predecessor', tracking.predecessor)
  setLink(canvas, 'successor', tracking.successor)
  if (tracking.measurements.length > 0) appendMeasurements(canvas, tracking.measurements)
  if (tracking.amendments.length > 0) {
    appendOnly(canvas, Keys.amendments).push([...tracking.amendments])
  }
  if (tracking.history.length > 0) appendOnly(canvas, Keys.history).push([...tracking.history])
  writeCheckinTracking(canvas, tracking)
  const dates = new Map(tracking.lessons.map((l) => [l.id, l]))
  for (const item of lessonItems(canvas)) {
    const lesson = dates.get(String(item.get('id')))
    if (!lesson) continue
    if (lesson.at !== null) item.set('at', lesson.at)
    if (lesson.by !== '') item.set('by', lesson.by)
  }
}

/** The latest non-baseline value of each metric (see `MeasurementFold`). */
export const readLatestMeasurements = (canvas: CanvasMap): MeasurementPoint[] =>
  foldAll(canvas).latestPoints()

/** What the tracker index and the ingestion answer need: cheap to read on every change. */
export function readTrackingSummary(
  canvas: CanvasMap,
  latest: (canvas: CanvasMap) => MeasurementPoint[] = readLatestMeasurements,
) {
  return {
    status: readStatus(canvas),
    timebox: TimeboxSchema.safeParse(canvas.get(Keys.timebox)).data ?? emptyTracking().timebox,
    decision: DecisionRecordSchema.safeParse(canvas.get(Keys.decision)).data ?? null,
    latest: latest(canvas),
  }
}
