/** A measurement as the chart needs it. */
export interface ChartMeasurement {
  at: string
  value: number
  source: string | null
  by: string
}

/** One plotted point: its time in ms and what the tooltip tells about it. */
export interface ChartPoint extends ChartMeasurement {
  time: number
}

export interface ChartDataInput {
  /** Non-baseline measurements of one metric, in any order. */
  measurements: readonly ChartMeasurement[]
  baseline: number | null
  target: number | null
  /** The time box, so the chart shows how far into it the data reaches. */
  start: string | null
  end: string | null
}

export interface ChartData {
  /** The points in time order; unreadable times are left out. */
  points: ChartPoint[]
  /** The time span drawn, in ms: the time box and every point. */
  timeDomain: [number, number]
  /** The value span drawn, bottom to top: every point, the baseline and the target. */
  valueDomain: [number, number]
  /** Where the time box ends, when it ends before the last point. */
  end: number | null
}

const HOUR_MS = 60 * 60 * 1000
const DAY_MS = 24 * HOUR_MS

/**
 * What a metric chart draws: values over a span that holds all of them with some air; time
 * over the time box and every measurement, so points from before or after the box still show.
 */
export function chartData(input: ChartDataInput): ChartData {
  const points = input.measurements
    .map((m) => ({ ...m, time: Date.parse(m.at) }))
    .filter((p) => Number.isFinite(p.time))
    .sort((a, b) => a.time - b.time)
  const guides = [input.baseline, input.target].filter((v): v is number => v !== null)
  const valueDomain = valueRange([...points.map((p) => p.value), ...guides])
  const box = [input.start, input.end].map((t) => (t === null ? NaN : Date.parse(t)))
  const timeDomain = timeSpan([...points.map((p) => p.time), ...box.filter(Number.isFinite)])
  const end = box[1]!
  return {
    points,
    timeDomain,
    valueDomain,
    end: Number.isFinite(end) && end < timeDomain[1] ? end : null,
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
  if (times.length === 0) {
    // No time box and no data: today, so the axis still reads as dates.
    const now = Date.now()
    return [now - 3 * DAY_MS, now + 3 * DAY_MS]
  }
  const first = Math.min(...times)
  const last = Math.max(...times)
  // A single moment gets an hour either side, so its point sits in the middle.
  return last === first ? [first - HOUR_MS, last + HOUR_MS] : [first, last]
}

/**
 * How the time axis labels its ticks: days and months over a span of days ("4 Mar"), the hour
 * as well within a day and a half, so a day's readings do not all read "4 Mar".
 */
export function timeTickFormat(domain: readonly [number, number]): Intl.DateTimeFormatOptions {
  return domain[1] - domain[0] < 1.5 * DAY_MS
    ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short' }
}

/**
 * Vertical places for labels that would sit at `ys`, moved apart so none is closer than `gap`
 * to the next and all stay within [min, max]; each keeps its order and stays as near its line
 * as that allows.
 */
export function spreadLabels(
  ys: readonly number[],
  gap: number,
  min: number,
  max: number,
): number[] {
  const order = ys.map((y, i) => ({ y: Math.min(max, Math.max(min, y)), i }))
  order.sort((a, b) => a.y - b.y)
  for (let k = 1; k < order.length; k++) {
    order[k]!.y = Math.max(order[k]!.y, order[k - 1]!.y + gap)
  }
  // Pushed past the bottom: shift the stack back up from the last label.
  const last = order.at(-1)
  if (last && last.y > max) {
    last.y = max
    for (let k = order.length - 2; k >= 0; k--) {
      order[k]!.y = Math.min(order[k]!.y, order[k + 1]!.y - gap)
    }
  }
  const placed: number[] = []
  for (const { y, i } of order) placed[i] = y
  return placed
}

/**
 * The index of the x nearest to `x` (the point a pointer at `x` means), or null if none; of
 * points at one place, the last, which is drawn on top.
 */
export function nearestIndex(xs: readonly number[], x: number): number | null {
  let best: number | null = null
  for (let i = 0; i < xs.length; i++) {
    if (best === null || Math.abs(xs[i]! - x) <= Math.abs(xs[best]! - x)) best = i
  }
  return best
}
