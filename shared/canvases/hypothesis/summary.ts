import type { CanvasContent, Metric } from '../schema.js'
import type { HypothesisTracking } from './tracking.js'
import { computeVerdict, latestValues, type VerdictResult } from './verdict.js'

/** The hypothesis sentence in one line. */
export function hypothesisSentence(fields: Record<string, string>): string {
  const f = (k: string) => (fields[k] ?? '').trim() || '…'
  return `We believe that ${f('belief')} will result in ${f('expectedResult')}. We will know we've succeeded when ${f('successSignal')}.`
}

/** The metric a tracker shows: the first success criterion, else the first metric. */
export const primaryMetric = (metrics: readonly Metric[]): Metric | undefined =>
  metrics.find((m) => m.kind === 'success') ?? metrics[0]

export interface MetricSummary {
  key: string
  count: number
  first: { value: number; at: string } | null
  latest: { value: number; at: string } | null
}

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

/** The full API view of a hypothesis: criteria, amendments, measurements, verdict, decision, lessons. */
export interface HypothesisView {
  id: string
  title: string
  sentence: string
  belief: string
  expectedResult: string
  successSignal: string
  status: HypothesisTracking['status']
  timebox: HypothesisTracking['timebox']
  overdue: boolean
  criteria: Metric[]
  amendments: HypothesisTracking['amendments']
  measurements: HypothesisTracking['measurements']
  summaries: MetricSummary[]
  verdict: VerdictResult
  decision: HypothesisTracking['decision']
  lessons: HypothesisTracking['lessons']
  predecessor: string | null
  successor: string | null
}

/** Whether the time box has ended and no decision closed the hypothesis. */
export const isOverdue = (tracking: HypothesisTracking, now: number) =>
  tracking.timebox.end !== null &&
  now >= Date.parse(tracking.timebox.end) &&
  tracking.status !== 'decided'

/** Builds the view of a hypothesis canvas at time `now`. */
export function hypothesisView(
  content: CanvasContent,
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
    amendments: tracking.amendments,
    measurements: tracking.measurements,
    summaries: measurementSummaries(metrics, tracking),
    verdict: computeVerdict(metrics, tracking.measurements, tracking.timebox.end, now),
    decision: tracking.decision,
    lessons: tracking.lessons,
    predecessor: tracking.predecessor,
    successor: tracking.successor,
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
