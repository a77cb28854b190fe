import { z } from 'zod'
import { MetricKinds, targetValue, type Metric } from './metric.js'

export const Verdicts = ['pending', 'supported', 'refuted', 'inconclusive'] as const
export type Verdict = (typeof Verdicts)[number]

/** One recorded value of a metric. */
export interface MeasurementPoint {
  metric: string
  value: number
  /** ISO time the value was observed. */
  at: string
  /** A baseline reading, recorded before the experiment; never judged against the target. */
  baseline?: boolean
}

export const MetricStates = [
  'met',
  'missed',
  'no-data',
  'breached',
  'within-tolerance',
  'tracked',
] as const
export type MetricState = (typeof MetricStates)[number]

/** How one metric stands: success criteria are met or missed, guardrails breached or not. */
export const MetricVerdictSchema = z.object({
  key: z.string(),
  kind: z.enum(MetricKinds),
  latest: z.number().nullable(),
  state: z.enum(MetricStates),
})
export type MetricVerdict = z.infer<typeof MetricVerdictSchema>

export const VerdictResultSchema = z.object({
  verdict: z.enum(Verdicts),
  /** Why, in one sentence a person can read on the canvas. */
  reason: z.string(),
  metrics: z.array(MetricVerdictSchema),
})
export type VerdictResult = z.infer<typeof VerdictResultSchema>

/** The latest non-baseline value of each metric, by observation time. */
export function latestValues(
  measurements: readonly MeasurementPoint[],
): Map<string, MeasurementPoint> {
  const latest = new Map<string, MeasurementPoint>()
  for (const m of measurements) {
    if (m.baseline) continue
    const current = latest.get(m.metric)
    if (!current || Date.parse(m.at) >= Date.parse(current.at)) latest.set(m.metric, m)
  }
  return latest
}

/** Whether a success criterion's value meets its target, in the metric's direction. */
export function meetsTarget(metric: Metric, value: number) {
  const target = targetValue(metric)
  return target !== null && (metric.direction === 'increase' ? value >= target : value <= target)
}

/** Whether a guardrail's value is worse than its baseline by more than its tolerance. */
export function breachesGuardrail(metric: Metric, value: number) {
  if (metric.baseline.value === null) return false
  const tolerance = metric.tolerance ?? 0
  return metric.direction === 'increase'
    ? value < metric.baseline.value - tolerance
    : value > metric.baseline.value + tolerance
}

/**
 * The verdict that follows from the criteria and the measurements (docs/hypotheses.md):
 * - refuted: a guardrail is breached, or the time box has ended with a success criterion missed;
 * - supported: every success criterion meets its target and no guardrail is breached;
 * - inconclusive: the time box has ended without a value for every success criterion;
 * - pending: otherwise.
 * The same function runs on the client (live) and on the server (API, tracker).
 */
export function computeVerdict(
  metrics: readonly Metric[],
  measurements: readonly MeasurementPoint[],
  timeboxEnd: string | null,
  now: number,
): VerdictResult {
  const latest = latestValues(measurements)
  const ended = timeboxEnd !== null && now >= Date.parse(timeboxEnd)
  const judged: MetricVerdict[] = metrics.map((metric) => {
    const value = latest.get(metric.key)?.value ?? null
    let state: MetricState = 'tracked'
    if (metric.kind === 'success') {
      state = value === null ? 'no-data' : meetsTarget(metric, value) ? 'met' : 'missed'
    } else if (metric.kind === 'guardrail') {
      state =
        value === null
          ? 'no-data'
          : breachesGuardrail(metric, value)
            ? 'breached'
            : 'within-tolerance'
    }
    return { key: metric.key, kind: metric.kind, latest: value, state }
  })
  const success = judged.filter((m) => m.kind === 'success')
  const breached = judged.filter((m) => m.state === 'breached')
  const result = (verdict: Verdict, reason: string): VerdictResult => ({
    verdict,
    reason,
    metrics: judged,
  })

  if (breached.length > 0) {
    return result(
      'refuted',
      `Guardrail ${breached.map((m) => m.key).join(', ')} is worse than its tolerance.`,
    )
  }
  if (success.length > 0 && success.every((m) => m.state === 'met')) {
    return result(
      'supported',
      'Every success criterion meets its target and no guardrail is breached.',
    )
  }
  if (ended) {
    const missed = success.filter((m) => m.state === 'missed')
    if (missed.length > 0) {
      return result(
        'refuted',
        `The time box ended with ${missed.map((m) => m.key).join(', ')} short of target.`,
      )
    }
    return result(
      'inconclusive',
      'The time box ended without enough data to judge every success criterion.',
    )
  }
  return result('pending', 'Waiting for measurements to meet the targets within the time box.')
}
