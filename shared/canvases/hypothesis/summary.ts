import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'
import type { HypothesisContent } from './content.js'
import { AssumptionSchema } from './assumption.js'
import { MetricSchema, type Metric } from './metric.js'
import {
  AmendmentSchema,
  DecisionRecordSchema,
  HistoryNoteSchema,
  HypothesisStatuses,
  LessonSchema,
  MeasurementSchema,
  TimeboxSchema,
  type HypothesisTracking,
} from './tracking.js'
import { VerdictResultSchema, latestValues } from './verdict.js'
import { standingVerdict } from './standing.js'

/** The hypothesis sentence in one line. */
export function hypothesisSentence(fields: Record<string, string>): string {
  const f = (k: string) => (fields[k] ?? '').trim() || '…'
  return `We believe that ${f('belief')} will result in ${f('expectedResult')}. We will know we've succeeded when ${f('successSignal')}.`
}

/** The metric a tracker shows: the first success criterion, else the first metric. */
export const primaryMetric = (metrics: readonly Metric[]): Metric | undefined =>
  metrics.find((m) => m.kind === 'success') ?? metrics[0]

const PointSchema = z.object({ value: z.number(), at: z.string() })

/** First, latest and count of one metric's measurements (baselines left out). */
export const MetricSummarySchema = z.object({
  key: z.string(),
  count: z.number().int(),
  first: PointSchema.nullable(),
  latest: PointSchema.nullable(),
})
export type MetricSummary = z.infer<typeof MetricSummarySchema>

/** First, latest and count of the (non-baseline) measurements of each metric. */
export function measurementSummaries(
  metrics: readonly Metric[],
  tracking: HypothesisTracking,
): MetricSummary[] {
  return metrics.map((metric) => {
    const points = tracking.measurements
      .filter((m) => m.metric === metric.key && !m.baseline)
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    const point = (m: (typeof points)[number] | undefined) =>
      m ? { value: m.value, at: m.at } : null
    return {
      key: metric.key,
      count: points.length,
      first: point(points[0]),
      latest: point(points.at(-1)),
    }
  })
}

/**
 * The full view of a hypothesis (GET /api/boards/:boardId/hypotheses/:hypothesisId): the
 * sentence, lifecycle, criteria with their amendments, every measurement, the verdict as of
 * the response, the decision and the lessons. Times are ISO 8601 strings in UTC.
 */
export const HypothesisViewSchema = z.object({
  /** The hypothesis id is the id of its canvas. */
  id: EntityIdSchema,
  title: z.string(),
  /** "We believe that … will result in … We will know we've succeeded when …" */
  sentence: z.string(),
  belief: z.string(),
  expectedResult: z.string(),
  successSignal: z.string(),
  status: z.enum(HypothesisStatuses),
  timebox: TimeboxSchema,
  /** The time box has ended and no decision closed the hypothesis. */
  overdue: z.boolean(),
  /** The metrics: success criteria, evaluation metrics and guardrails, in canvas order. */
  criteria: z.array(MetricSchema),
  /** What the hypothesis takes for granted, riskiest first, each untested, holding or broken. */
  assumptions: z.array(AssumptionSchema),
  /** Changes to the criteria after they were locked, oldest first. */
  amendments: z.array(AmendmentSchema),
  /** Every measurement, in the order recorded. */
  measurements: z.array(MeasurementSchema),
  /** Per metric, in criteria order. */
  summaries: z.array(MetricSummarySchema),
  verdict: VerdictResultSchema,
  decision: DecisionRecordSchema.nullable(),
  /** The lessons-learned log, oldest first. */
  lessons: z.array(LessonSchema),
  /** The hypothesis this one was pivoted from, and the one it pivoted to (canvas ids). */
  predecessor: EntityIdSchema.nullable(),
  successor: EntityIdSchema.nullable(),
  /** What imports restored as recorded history, oldest first. */
  history: z.array(HistoryNoteSchema),
})
export type HypothesisView = z.infer<typeof HypothesisViewSchema>

/** Whether the time box has ended and no decision closed the hypothesis. */
export const isOverdue = (tracking: HypothesisTracking, now: number) =>
  tracking.timebox.end !== null &&
  now >= Date.parse(tracking.timebox.end) &&
  tracking.status !== 'decided'

/** Builds the view of a hypothesis canvas at time `now`. */
export function hypothesisView(
  content: Pick<HypothesisContent, 'id' | 'title' | 'fields' | 'metrics' | 'assumptions'>,
  tracking: HypothesisTracking,
  now: number,
): HypothesisView {
  const metrics = content.metrics ?? []
  return {
    id: content.id,
    title: content.title,
    sentence: hypothesisSentence(content.fields),
    belief: content.fields.belief ?? '',
    expectedResult: content.fields.expectedResult ?? '',
    successSignal: content.fields.successSignal ?? '',
    status: tracking.status,
    timebox: tracking.timebox,
    overdue: isOverdue(tracking, now),
    criteria: metrics,
    assumptions: content.assumptions ?? [],
    amendments: tracking.amendments,
    measurements: tracking.measurements,
    summaries: measurementSummaries(metrics, tracking),
    verdict: standingVerdict(metrics, tracking.measurements, tracking, now),
    decision: tracking.decision,
    lessons: tracking.lessons,
    predecessor: tracking.predecessor,
    successor: tracking.successor,
    history: tracking.history,
  }
}

/** Latest value per metric, as the tracker index stores it. */
export function latestByMetric(
  tracking: HypothesisTracking,
): Record<string, { value: number; at: string }> {
  return Object.fromEntries(
    [...latestValues(tracking.measurements)].map(([key, m]) => [key, { value: m.value, at: m.at }]),
  )
}
