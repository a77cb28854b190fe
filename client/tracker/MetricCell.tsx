import type { TrackerMetric } from '../../shared/api/hypotheses'
import { metricProgress } from './metricProgress'
import './MetricCell.css'

/** The primary metric: latest value against the target, with the way it should move. */
export function MetricCell({ metric }: { metric: TrackerMetric | null }) {
  if (!metric) return <span className="tracker-muted">No metric yet</span>
  const progress = metricProgress(metric)
  const tone = progress.onTarget === null ? 'none' : progress.onTarget ? 'met' : 'short'
  return (
    <div className="metric-cell" data-testid="primary-metric" title={progress.description}>
      {/* The description reads better aloud than the symbols it sums up. */}
      <div className="metric-cell-values" aria-hidden="true">
        <span className={`metric-latest metric-latest-${tone}`} data-testid="metric-latest">
          {progress.latest ?? '—'}
        </span>
        <span className="metric-target" data-testid="metric-target">
          <span className="metric-direction" aria-hidden="true">
            {progress.arrow}
          </span>
          {progress.target ?? 'no target'}
        </span>
      </div>
      <div className="metric-cell-name" aria-hidden="true">
        {metric.name.trim() || metric.key}
      </div>
      <span className="visually-hidden">{progress.description}</span>
    </div>
  )
}
