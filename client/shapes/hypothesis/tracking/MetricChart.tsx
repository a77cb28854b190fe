import type { Metric } from '../../../../shared/canvases/schema'
import { chartLayout, formatValue, type ChartPoint } from './chartScale'

const Size = { width: 340, height: 88, inset: 10 }

/** A metric over time: baseline (dashed), target, the time box end, and every measurement. */
export function MetricChart({
  metric,
  points,
  start,
  end,
}: {
  metric: Metric
  points: readonly ChartPoint[]
  start: string | null
  end: string | null
}) {
  const layout = chartLayout({
    ...Size,
    points,
    baseline: metric.baseline.value,
    target: metric.target.value,
    start,
    end,
  })
  const last = layout.points.at(-1)
  const right = Size.width - Size.inset
  const label = (y: number, text: string, className: string) => (
    <text x={right - 2} y={y - 4} textAnchor="end" className={className}>
      {text}
    </text>
  )
  return (
    <svg
      className="metric-chart"
      viewBox={`0 0 ${Size.width} ${Size.height}`}
      width="100%"
      role="img"
      aria-label={`${metric.key}: ${points.length} measurement${points.length === 1 ? '' : 's'}`}
      data-testid="metric-chart"
      data-points={layout.points.length}
    >
      <rect
        x="0.5"
        y="0.5"
        width={Size.width - 1}
        height={Size.height - 1}
        rx="6"
        className="chart-frame"
      />
      {layout.endX !== null && (
        <line x1={layout.endX} x2={layout.endX} y1={4} y2={Size.height - 4} className="chart-end" />
      )}
      {layout.baselineY !== null && (
        <>
          <line
            x1={Size.inset}
            x2={right}
            y1={layout.baselineY}
            y2={layout.baselineY}
            className="chart-baseline"
          />
          {label(
            layout.baselineY,
            `baseline ${formatValue(metric.baseline.value!, metric.unit)}`,
            'chart-label',
          )}
        </>
      )}
      {layout.targetY !== null && (
        <>
          <line
            x1={Size.inset}
            x2={right}
            y1={layout.targetY}
            y2={layout.targetY}
            className="chart-target"
          />
          {label(
            layout.targetY,
            `target ${formatValue(metric.target.value!, metric.unit)}`,
            'chart-label chart-label-target',
          )}
        </>
      )}
      {layout.path && <path d={layout.path} className="chart-line" />}
      {layout.points.map((p, i) => (
        <circle
          key={`${p.at}-${i}`}
          cx={p.x}
          cy={p.y}
          r={p === last ? 3.6 : 2.4}
          className={p === last ? 'chart-point is-last' : 'chart-point'}
        >
          <title>{`${formatValue(p.value, metric.unit)} · ${new Date(p.at).toLocaleString()}`}</title>
        </circle>
      ))}
      {points.length === 0 && (
        <text x={Size.inset + 4} y={Size.inset + 10} className="chart-empty">
          No measurements yet
        </text>
      )}
    </svg>
  )
}
