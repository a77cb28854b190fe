/** One measurement as a chart draws it. */
export interface ChartPoint {
  at: string
  value: number
}

export interface ChartInput {
  /** Non-baseline measurements of one metric, in any order. */
  points: readonly ChartPoint[]
  baseline: number | null
  target: number | null
  /** The time box, so the chart shows how far into it the data reaches. */
  start: string | null
  end: string | null
  width: number
  height: number
  /** Room left around the plot, in the chart's units. */
  inset: number
}

export interface ChartLayout {
  /** The points in time order, placed. */
  points: { x: number; y: number; value: number; at: string }[]
  /** An SVG path through the points, empty with fewer than two. */
  path: string
  baselineY: number | null
  targetY: number | null
  /** Where the time box ends, when it ends inside the plotted span. */
  endX: number | null
  /** The value span drawn, bottom to top. */
  range: [number, number]
}

const HOUR_MS = 60 * 60 * 1000

/**
 * Scales a metric's measurements, baseline and target into a small SVG: values run bottom to
 * top over a span that holds all of them with some air; time runs left to right over the time
 * box and every measurement, so points from before or after the box still show.
 */
export function chartLayout(input: ChartInput): ChartLayout {
  const sorted = [...input.points]
    .map((p) => ({ ...p, t: Date.parse(p.at) }))
    .filter((p) => Number.isFinite(p.t))
    .sort((a, b) => a.t - b.t)
  const values = [
    ...sorted.map((p) => p.value),
    ...[input.baseline, input.target].filter((v): v is number => v !== null),
  ]
  const range = valueRange(values)
  const times = [
    ...sorted.map((p) => p.t),
    ...[input.start, input.end].map((t) => (t === null ? NaN : Date.parse(t))),
  ].filter(Number.isFinite)
  const [t0, t1] = timeSpan(times)
  const { width, height, inset } = input
  const x = (t: number) => inset + ((t - t0) / (t1 - t0)) * (width - 2 * inset)
  const y = (v: number) =>
    height - inset - ((v - range[0]) / (range[1] - range[0])) * (height - 2 * inset)
  const points = sorted.map((p) => ({ x: x(p.t), y: y(p.value), value: p.value, at: p.at }))
  const round = (n: number) => Math.round(n * 10) / 10
  const end = input.end === null ? NaN : Date.parse(input.end)
  return {
    points,
    path:
      points.length < 2
        ? ''
        : points.map((p, i) => `${i === 0 ? 'M' : 'L'}${round(p.x)} ${round(p.y)}`).join(' '),
    baselineY: input.baseline === null ? null : y(input.baseline),
    targetY: input.target === null ? null : y(input.target),
    endX: Number.isFinite(end) && end < t1 ? x(end) : null,
    range,
  }
}

/** A value span around `values` with a tenth of air each side; one value gets a span of its own. */
export function valueRange(values: readonly number[]): [number, number] {
  if (values.length === 0) return [0, 1]
  const min = Math.min(...values)
  const max = Math.max(...values)
  const air = max === min ? Math.abs(max) * 0.1 || 1 : (max - min) * 0.1
  return [min - air, max + air]
}

function timeSpan(times: readonly number[]): [number, number] {
  if (times.length === 0) return [0, 1]
  const first = Math.min(...times)
  const last = Math.max(...times)
  // A single moment gets an hour either side, so its point sits in the middle.
  return last === first ? [first - HOUR_MS, last + HOUR_MS] : [first, last]
}

/** A value as a person reads it: at most three decimals, the unit after it. */
export function formatValue(value: number, unit: string): string {
  const text = Number.isInteger(value)
    ? String(value)
    : String(Number(value.toFixed(Math.abs(value) >= 100 ? 1 : 3)))
  if (unit === '') return text
  return unit === '%' ? `${text} %` : `${text} ${unit}`
}
