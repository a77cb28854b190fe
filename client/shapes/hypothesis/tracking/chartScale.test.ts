import { describe, expect, it } from 'vitest'
import { chartLayout, formatValue, valueRange } from './chartScale'

const day = (n: number) => new Date(Date.UTC(2026, 2, 2, 9) + n * 24 * 60 * 60 * 1000).toISOString()
const base = {
  baseline: 4,
  target: 5,
  start: day(0),
  end: day(7),
  width: 200,
  height: 100,
  inset: 10,
}

describe('scaling a metric chart', () => {
  it('puts the target above the baseline for a metric that should rise, inside the plot', () => {
    const layout = chartLayout({ ...base, points: [] })
    expect(layout.targetY!).toBeLessThan(layout.baselineY!)
    for (const y of [layout.targetY!, layout.baselineY!]) {
      expect(y).toBeGreaterThanOrEqual(10)
      expect(y).toBeLessThanOrEqual(90)
    }
  })

  it('runs time left to right over the time box, drawing points in time order', () => {
    const layout = chartLayout({
      ...base,
      points: [
        { at: day(7), value: 5.5 },
        { at: day(0), value: 4 },
        { at: day(3.5), value: 4.5 },
      ],
    })
    expect(layout.points.map((p) => p.x)).toEqual([10, 100, 190])
    expect(layout.points.map((p) => p.value)).toEqual([4, 4.5, 5.5])
    expect(layout.path).toMatch(/^M10 [\d.]+ L100 [\d.]+ L190 [\d.]+$/)
    // The highest value is the highest point on screen (smallest y).
    expect(Math.min(...layout.points.map((p) => p.y))).toBe(layout.points[2]!.y)
  })

  it('widens the span for a value far above the target instead of drawing off the chart', () => {
    const layout = chartLayout({ ...base, points: [{ at: day(1), value: 50 }] })
    expect(layout.points[0]!.y).toBeGreaterThanOrEqual(10)
    expect(layout.range[1]).toBeGreaterThan(50)
  })

  it('shows a point measured after the box ended, and marks where the box ended', () => {
    const layout = chartLayout({ ...base, points: [{ at: day(10), value: 5 }] })
    expect(layout.points[0]!.x).toBe(190)
    expect(layout.endX!).toBeGreaterThan(10)
    expect(layout.endX!).toBeLessThan(190)
  })

  it('gives one value a span of its own', () => {
    expect(valueRange([5])).toEqual([4.5, 5.5])
    expect(valueRange([0])).toEqual([-1, 1])
    expect(valueRange([])).toEqual([0, 1])
  })
})

describe('formatting a value', () => {
  it('keeps at most three decimals and puts the unit after it', () => {
    expect(formatValue(0.051234, '')).toBe('0.051')
    expect(formatValue(4.5, '%')).toBe('4.5 %')
    expect(formatValue(180, 'ms')).toBe('180 ms')
    expect(formatValue(123.456, 'ms')).toBe('123.5 ms')
  })
})
