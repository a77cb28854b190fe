import type { Measurement } from '../../../../shared/canvases/hypothesis/tracking'
import type { MetricState } from '../../../../shared/canvases/hypothesis/verdict'
import { targetValue, type Metric } from '../../../../shared/canvases/hypothesis/metric'
import { formatValue } from './formatValue'
import { MetricChart } from './MetricChart'
import './MetricTrend.css'

const stateWords: Record<MetricState, string> = {
  met: 'Meets target',
  missed: 'Short of target',
  'no-data': 'No data yet',
  breached: 'Breached',
  'within-tolerance': 'Within tolerance',
  tracked: 'Tracked',
}

/** One metric's standing: its latest value beside the target, its state, and its chart. */
export function MetricTrend({
  metric,
  state,
  measurements,
  start,
  end,
}: {
  metric: Metric
  state: MetricState
  measurements: readonly Measurement[]
  start: string | null
  end: string | null
}) {
  const points = measurements.filter((m) => m.metric === metric.key && !m.baseline)
  const latest = [...points].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)).at(-1)
  const target = targetValue(metric)
  const goal =
    metric.kind === 'guardrail'
      ? metric.baseline.value === null
        ? 'no baseline'
        : `baseline ${formatValue(metric.baseline.value, metric.unit)}${metric.tolerance ? ` ± ${formatValue(metric.tolerance, metric.unit)}` : ''}`
      : target === null
        ? 'no target'
        : `target ${metric.direction === 'increase' ? '≥' : '≤'} ${formatValue(target, metric.unit)}`
  return (
    <li
      className={`metric-trend trend-kind-${metric.kind}`}
      data-testid="metric-trend"
      data-metric-key={metric.key}
      data-state={state}
    >
      <div className="trend-head">
        <span className="trend-name" title={metric.name || metric.key}>
          {metric.name || metric.key}
        </span>
        <span className={`trend-state trend-state-${state}`}>{stateWords[state]}</span>
      </div>
      <div className="trend-figures">
        <span className="trend-latest" data-testid="latest-value">
          {latest ? formatValue(latest.value, metric.unit) : '—'}
        </span>
        <span className="tracking-muted">
          latest · {goal} · {points.length} {points.length === 1 ? 'value' : 'values'}
        </span>
      </div>
      <MetricChart metric={metric} measurements={points} start={start} end={end} />
    </li>
  )
}
