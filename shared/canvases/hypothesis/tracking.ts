import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'
import { MetricSchema, targetValue, type Metric } from './metric.js'
import { VerdictResultSchema } from './verdict.js'
import { CheckinTrackingSchema } from '../../checkins/checkin.js'

/** Life of a hypothesis: draft → ready → running → evaluated → decided. */
export const HypothesisStatuses = ['draft', 'ready', 'running', 'evaluated', 'decided'] as const
export type HypothesisStatus = (typeof HypothesisStatuses)[number]

export const Decisions = ['persevere', 'pivot', 'stop'] as const
export type Decision = (typeof Decisions)[number]

/** Experiments are time-boxed, weekly by default. */
export const DefaultTimeboxDays = 7

const IsoTime = z.iso.datetime({ offset: true })

export const TimeboxSchema = z.object({
  start: IsoTime.nullable(),
  end: IsoTime.nullable(),
  days: z.number().int().min(1).max(366),
})
export type Timebox = z.infer<typeof TimeboxSchema>

/** One value of a metric, from a person or a system. */
export const MeasurementSchema = z.object({
  id: z.string().min(1).max(128),
  metric: z.string().min(1).max(64),
  value: z.number().finite(),
  at: IsoTime,
  source: z.string().max(200).nullable(),
  /** A baseline reading, accepted before the experiment runs. */
  baseline: z.boolean(),
  recordedAt: IsoTime,
  by: z.string().max(200),
})
export type Measurement = z.infer<typeof MeasurementSchema>

/** A change to a metric after the criteria were locked: who, when, why, before and after. */
export const AmendmentSchema = z.object({
  id: EntityIdSchema,
  metric: z.string(),
  at: IsoTime,
  by: z.string().max(200),
  reason: z.string().min(1).max(2000),
  before: MetricSchema.nullable(),
  after: MetricSchema.nullable(),
})
export type Amendment = z.infer<typeof AmendmentSchema>

/** The verdict as it stood when a decision was made: kept with the decision, never recomputed. */
export const DecidedVerdictSchema = VerdictResultSchema.pick({ verdict: true, reason: true })
export type DecidedVerdict = z.infer<typeof DecidedVerdictSchema>

export const DecisionRecordSchema = z.object({
  decision: z.enum(Decisions),
  rationale: z.string().max(4000),
  by: z.string().max(200),
  at: IsoTime,
  /** Absent on decisions recorded before the verdict was kept. */
  verdictAtDecision: DecidedVerdictSchema.optional(),
})
export type DecisionRecord = z.infer<typeof DecisionRecordSchema>

/**
 * A lesson learned: append-only, dated, attributed. `at` is null and `by` empty only for an
 * item typed into the box by a version that did not date lessons.
 */
export const LessonSchema = z.object({
  id: EntityIdSchema,
  text: z.string().max(4000),
  at: IsoTime.nullable(),
  by: z.string().max(200),
})
export type Lesson = z.infer<typeof LessonSchema>

/**
 * Something the record of a hypothesis says about itself: what an import restored as it was
 * recorded (a time box that started before the import), dated and attributed.
 */
export const HistoryNoteSchema = z.object({
  id: EntityIdSchema,
  at: IsoTime,
  by: z.string().max(200),
  note: z.string().min(1).max(2000),
})
export type HistoryNote = z.infer<typeof HistoryNoteSchema>

/** Everything a hypothesis tracks beyond the canvas boxes. */
export const HypothesisTrackingSchema = z.object({
  status: z.enum(HypothesisStatuses),
  timebox: TimeboxSchema,
  measurements: z.array(MeasurementSchema),
  amendments: z.array(AmendmentSchema),
  decision: DecisionRecordSchema.nullable(),
  lessons: z.array(LessonSchema),
  predecessor: EntityIdSchema.nullable(),
  successor: EntityIdSchema.nullable(),
  history: z.array(HistoryNoteSchema).default([]),
  ...CheckinTrackingSchema.shape,
})
export type HypothesisTracking = z.infer<typeof HypothesisTrackingSchema>

export const emptyTracking = (): HypothesisTracking => ({
  status: 'draft',
  timebox: { start: null, end: null, days: DefaultTimeboxDays },
  measurements: [],
  amendments: [],
  decision: null,
  lessons: [],
  predecessor: null,
  successor: null,
  history: [],
})

/** Success criteria that still lack a baseline or a target; empty when the hypothesis can run. */
export function incompleteCriteria(metrics: readonly Metric[]): string[] {
  return metrics
    .filter((m) => m.kind === 'success')
    .filter((m) => m.baseline.value === null || targetValue(m) === null)
    .map((m) => m.key)
}

/** Why a hypothesis cannot move to `to`, or null when it can. */
export function transitionError(
  from: HypothesisStatus,
  to: HypothesisStatus,
  metrics: readonly Metric[],
  decision: DecisionRecord | null,
): string | null {
  if (from === to) return null
  const forward = HypothesisStatuses.indexOf(to) > HypothesisStatuses.indexOf(from)
  if (!forward && !(from === 'ready' && to === 'draft')) {
    return `A hypothesis cannot go back from ${from} to ${to}`
  }
  if (to === 'ready' || to === 'running') {
    if (!metrics.some((m) => m.kind === 'success')) {
      return `Add at least one success criterion before moving to ${to}`
    }
    const missing = incompleteCriteria(metrics)
    if (missing.length > 0) {
      return `Every success criterion needs a baseline and a target before ${to}: ${missing.join(', ')} ${missing.length === 1 ? 'lacks' : 'lack'} one`
    }
  }
  if ((to === 'evaluated' || to === 'decided') && from !== 'running' && from !== 'evaluated') {
    return `Only a running hypothesis can be ${to}`
  }
  if (to === 'decided' && decision === null) {
    return 'Record a decision (persevere, pivot or stop) with POST …/decision first'
  }
  return null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** The time box that starts at `now` when a hypothesis starts running. */
export const startedTimebox = (days: number, now: number): Timebox => ({
  start: new Date(now).toISOString(),
  end: new Date(now + days * DAY_MS).toISOString(),
  days,
})

/** Whether the criteria are locked: a change must then be an amendment with a reason. */
export const criteriaLocked = (status: HypothesisStatus) => status !== 'draft' && status !== 'ready'

/** The parts of a metric that judge a hypothesis; its id is only how the canvas keeps it. */
const metricTerms = (m: Metric | undefined) =>
  m === undefined
    ? null
    : JSON.stringify([
        m.name,
        m.kind,
        m.unit,
        m.direction,
        m.baseline.value,
        m.baseline.at,
        m.baseline.source,
        m.target.value,
        m.target.relative ?? null,
        m.tolerance,
      ])

/**
 * The amendments that replacing the metrics `before` with `after` makes, one per metric key
 * that was added, removed or changed (restating a metric unchanged makes none).
 */
export function amendmentsFor(
  before: readonly Metric[],
  after: readonly Metric[],
  change: { at: string; by: string; reason: string; newId: () => string },
): Amendment[] {
  const was = new Map(before.map((m) => [m.key, m]))
  const is = new Map(after.map((m) => [m.key, m]))
  return [...new Set([...was.keys(), ...is.keys()])]
    .filter((key) => metricTerms(was.get(key)) !== metricTerms(is.get(key)))
    .map((key) => ({
      id: change.newId(),
      metric: key,
      at: change.at,
      by: change.by,
      reason: change.reason,
      before: was.get(key) ?? null,
      after: is.get(key) ?? null,
    }))
}
