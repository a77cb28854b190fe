import { AxisBottom, AxisLeft } from '@visx/axis'
import { localPoint } from '@visx/event'
import { Group } from '@visx/group'
import { scaleLinear, scaleTime } from '@visx/scale'
import { Line, LinePath } from '@visx/shape'
import { useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { targetValue, type Metric } from '../../../../shared/canvases/hypothesis/metric'
import {
  chartData,
  nearestIndex,
  spreadLabels,
  timeTickFormat,
  type ChartMeasurement,
  type ChartPoint,
} from './chartData'
import { stamp } from './dates'
import { formatValue } from './formatValue'
import './MetricChart.css'

/** The drawing's own units; the SVG scales to its column and stays sharp at any zoom. */
const Size = { width: 310, height: 150 }
/** Room for the value axis on the left, the line labels on the right, and the dates below. */
const Margin = { top: 14, right: 86, bottom: 22, left: 38 }
const Inner = {
  width: Size.width - Margin.left - Margin.right,
  height: Size.height - Margin.top - Margin.bottom,
}
const LabelGap = 12

/** A metric over time: date and value axes, baseline and target, the time box end, and every measurement. */
export function MetricChart({
  metric,
  measurements,
  start,
  end,
}: {
  metric: Metric
  measurements: readonly ChartMeasurement[]
  start: string | null
  end: string | null
}) {
  const target = targetValue(metric)
  const data = useMemo(
    () =>
      chartData({
        measurements,
        baseline: metric.baseline.value,
        target,
        start,
        end,
      }),
    [measurements, metric.baseline.value, target, start, end],
  )
  const [active, setActive] = useState<number | null>(null)

  const x = scaleTime({ domain: data.timeDomain.map((t) => new Date(t)), range: [0, Inner.width] })
  const y = scaleLinear({ domain: data.valueDomain, range: [Inner.height, 0], nice: 4 })
  const dates = new Intl.DateTimeFormat(undefined, timeTickFormat(data.timeDomain))
  const xs = data.points.map((p) => x(p.time))

  const guides = [
    { value: metric.baseline.value, word: 'baseline', className: 'chart-baseline' },
    { value: target, word: 'target', className: 'chart-target' },
  ].flatMap((g) => (g.value === null ? [] : [{ ...g, value: g.value, y: y(g.value) }]))
  const labelYs = spreadLabels(
    guides.map((g) => g.y),
    LabelGap,
    4,
    Inner.height,
  )

  const point = active === null ? undefined : data.points[active]
  const onPointerMove = (event: PointerEvent<SVGRectElement>) => {
    const at = localPoint(event)
    if (at) setActive(nearestIndex(xs, at.x - Margin.left))
  }
  const onKeyDown = (event: KeyboardEvent<SVGSVGElement>) => {
    if (data.points.length === 0) return
    const last = data.points.length - 1
    const step = { ArrowLeft: -1, ArrowRight: 1 }[event.key]
    if (step !== undefined) {
      // Arrows walk the points here; the board must not also nudge the selected shape.
      event.preventDefault()
      event.stopPropagation()
      setActive((i) => Math.min(last, Math.max(0, (i ?? last + (step > 0 ? -1 : 1)) + step)))
    } else if (event.key === 'Escape') {
      setActive(null)
    }
  }

  return (
    <div className="metric-chart-frame">
      <svg
        className="metric-chart"
        viewBox={`0 0 ${Size.width} ${Size.height}`}
        width="100%"
        role="img"
        tabIndex={data.points.length > 0 ? 0 : undefined}
        aria-label={`${metric.name || metric.key}: ${data.points.length} measurement${data.points.length === 1 ? '' : 's'}`}
        data-testid="metric-chart"
        data-points={data.points.length}
        onKeyDown={onKeyDown}
        onFocus={() => setActive(data.points.length > 0 ? data.points.length - 1 : null)}
        onBlur={() => setActive(null)}
      >
        <Group left={Margin.left} top={Margin.top}>
          <AxisLeft
            scale={y}
            numTicks={4}
            tickLength={3}
            tickFormat={(v) => formatValue(Number(v), '')}
            axisClassName="chart-axis"
            tickClassName="chart-tick"
            tickLabelProps={{ className: 'chart-tick-label', dx: -2, fontSize: 10.5, fill: '' }}
          />
          {metric.unit && (
            <text x={-6} y={-5} textAnchor="end" className="chart-unit" data-testid="chart-unit">
              {metric.unit}
            </text>
          )}
          <AxisBottom
            top={Inner.height}
            scale={x}
            numTicks={4}
            tickLength={3}
            tickFormat={(d) => dates.format(d instanceof Date ? d : new Date(Number(d)))}
            axisClassName="chart-axis"
            tickClassName="chart-tick"
            tickLabelProps={{ className: 'chart-tick-label', fontSize: 10.5, fill: '' }}
          />
          {data.end !== null && (
            <Line
              from={{ x: x(data.end), y: 0 }}
              to={{ x: x(data.end), y: Inner.height }}
              className="chart-end"
            />
          )}
          {guides.map((g, i) => (
            <g key={g.word} data-testid={`chart-${g.word}`}>
              <Line
                from={{ x: 0, y: g.y }}
                to={{ x: Inner.width, y: g.y }}
                className={g.className}
              />
              {/* Labelled in the right margin, so no label ever covers a point. */}
              <text
                x={Inner.width + 6}
                y={labelYs[i]!}
                dy="0.32em"
                className={`chart-label chart-label-${g.word}`}
              >
                {`${g.word} ${formatValue(g.value, metric.unit)}`}
              </text>
            </g>
          ))}
          {data.points.length > 1 && (
            <LinePath
              data={data.points}
              x={(p: ChartPoint) => x(p.time)}
              y={(p: ChartPoint) => y(p.value)}
              className="chart-line"
            />
          )}
          {data.points.map((p, i) => (
            <circle
              key={`${p.at}-${i}`}
              cx={xs[i]}
              cy={y(p.value)}
              r={i === active ? 4.2 : i === data.points.length - 1 ? 3.4 : 2.6}
              className={[
                'chart-point',
                i === data.points.length - 1 && 'is-last',
                i === active && 'is-active',
              ]
                .filter(Boolean)
                .join(' ')}
            />
          ))}
          {data.points.length === 0 && (
            <text
              x={Inner.width / 2}
              y={Inner.height / 2}
              textAnchor="middle"
              className="chart-empty"
            >
              No measurements yet
            </text>
          )}
          {/* Takes the pointer over the whole plot, so a point need not be hit exactly. */}
          <rect
            width={Inner.width}
            height={Inner.height}
            className="chart-hover-area"
            onPointerMove={onPointerMove}
            onPointerLeave={() => setActive(null)}
          />
        </Group>
      </svg>
      {point && active !== null && (
        <ChartTooltip
          point={point}
          unit={metric.unit}
          left={(Margin.left + xs[active]!) / Size.width}
          top={(Margin.top + y(point.value)) / Size.height}
        />
      )}
    </div>
  )
}

/** What one point is: its value, when, from where and by whom; placed beside the point. */
function ChartTooltip({
  point,
  unit,
  left,
  top,
}: {
  point: ChartPoint
  unit: string
  /** The point's place, as fractions of the chart's width and height. */
  left: number
  top: number
}) {
  const side = left > 0.55 ? 'is-left' : 'is-right'
  return (
    <div
      className={`chart-tooltip ${side}`}
      role="status"
      data-testid="chart-tooltip"
      style={{ left: `${left * 100}%`, top: `${top * 100}%` }}
    >
      <strong className="chart-tooltip-value">{formatValue(point.value, unit)}</strong>
      <span>{stamp(point.at)}</span>
      <span>{point.source ? `source: ${point.source}` : 'no source given'}</span>
      {point.by && <span>by {point.by}</span>}
    </div>
  )
}
