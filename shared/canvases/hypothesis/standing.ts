import type { Metric } from './metric.js'
import type { DecidedVerdict, DecisionRecord, HypothesisStatus } from './tracking.js'
import { computeVerdict, type MeasurementPoint, type VerdictResult } from './verdict.js'

/** What the standing verdict of a hypothesis depends on besides its metrics and measurements. */
export interface Standing {
  status: HypothesisStatus
  timebox: { end: string | null }
  decision: DecisionRecord | null
}

/**
 * The verdict a hypothesis shows: while it runs, `computeVerdict` as of `now`; once evaluated,
 * judged as if its time box had ended (an evaluation is a judgement, never "pending"); once
 * decided, the verdict the decision was made on, kept with the decision (a decision recorded
 * before verdicts were kept is judged as of its own time).
 */
export function standingVerdict(
  metrics: readonly Metric[],
  measurements: readonly MeasurementPoint[],
  standing: Standing,
  now: number,
): VerdictResult {
  const { status, decision } = standing
  if (status === 'decided' && decision) {
    const at = Date.parse(decision.at)
    const judged = computeVerdict(metrics, measurements, decision.at, at)
    return decision.verdictAtDecision ? { ...judged, ...decision.verdictAtDecision } : judged
  }
  if (status === 'evaluated' || status === 'decided') {
    const end = standing.timebox.end
    if (end !== null && Date.parse(end) <= now)
      return computeVerdict(metrics, measurements, end, now)
    // Judged before its time box ran out: say so rather than that the box ended.
    const judged = computeVerdict(metrics, measurements, new Date(now).toISOString(), now)
    return {
      ...judged,
      reason: judged.reason.replace(/^The time box ended/, 'Judged before the time box ended,'),
    }
  }
  return computeVerdict(metrics, measurements, standing.timebox.end, now)
}

/**
 * The verdict to keep with a decision made at `now`: a decision closes the experiment, so it is
 * judged as an evaluation is (never "pending").
 */
export function verdictToKeep(
  metrics: readonly Metric[],
  measurements: readonly MeasurementPoint[],
  standing: Standing,
  now: number,
): DecidedVerdict {
  const closed = { ...standing, status: 'evaluated' as const }
  const { verdict, reason } = standingVerdict(metrics, measurements, closed, now)
  return { verdict, reason }
}
