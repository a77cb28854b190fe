import type { Metric } from './metric.js'
import { transitionError, type DecisionRecord, type HypothesisStatus } from './tracking.js'

/** Why this decision cannot be recorded now, or null: a hypothesis is decided once. */
export function decisionRefusal(
  status: HypothesisStatus,
  current: DecisionRecord | null,
  metrics: readonly Metric[],
  record: DecisionRecord,
): string | null {
  if (status === 'decided') {
    return `This hypothesis was decided already (${current?.decision ?? 'no record'})`
  }
  return transitionError(status, 'decided', metrics, record)
}
