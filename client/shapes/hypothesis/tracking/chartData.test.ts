import { describe, expect, it } from 'vitest'
import { chartData, nearestIndex, spreadLabels, timeTickFormat, valueRange } from './chartData'
import { formatValue } from './formatValue'

const DAY = 24 * 60 * 60 * 1000
const day = (n: number) => new Date(Date.UTC(2026, 2, 2, 9) + n * DAY).toISOString()
const reading = (n: number, value: number, source: string | null = 'dashboard') => ({
  at: day(n),
  value,
  source,
  by: 'Alice',
})
const base = { baseline: 4, target: 5, start: day(0), end: day(7) }

describe('mapping measurements onto a metric chart', () => {
  it('spans the time box and puts the points in time order, keeping who and where', () => {
    const data = chartData({
      ...base,
      measurements: [reading(7, 5.5), reading(0, 4, null), reading(3.5, 4.5)],
    })
    expect(data.timeDomain).toEqual([Date.parse(day(0)), Date.parse(day(7))])
    expect(data.points.map((p) => p.value)).toEqual([4, 4.5, 5.5])
    expect(data.points[0]).toMatchObject({ source: null, by: 'Alice', time: Date.parse(day(0)) })
    expect(data.end).toBeNull()
  })

  it('holds the baseline and the target even before any value arrives', () => {
    const data = chartData({ ...base, measurements: [] })
    expect(data.valueDomain[0]).toBeLessThan(4)
    expect(data.valueDomain[1]).toBeGreaterThan(5)
  })

  it('widens the span for a value far above the target instead of drawing off the chart', () => {
    const data = chartData({ ...base, measurements: [reading(1, 50)] })
    expect(data.valueDomain[1]).toBeGreaterThan(50)
  })

  it('shows a point measured after the box ended, and marks where the box ended', () => {
    const data = chartData({ ...base, measurements: [reading(10, 5)] })
    expect(data.timeDomain[1]).toBe(Date.parse(day(10)))
    expect(data.end).toBe(Date.parse(day(7)))
  })

  it('leaves out a reading whose time cannot be read', () => {
    const data = chartData({ ...base, measurements: [{ ...reading(1, 5), at: 'soon' }] })
    expect(data.points).toEqual([])
  })

  it('gives a single moment an hour either side, and one value a span of its own', () => {
    const data = chartData({ ...base, start: null, end: null, measurements: [reading(1, 5)] })
    expect(data.timeDomain[1] - data.timeDomain[0]).toBe(2 * 60 * 60 * 1000)
    expect(valueRange([5])).toEqual([4.5, 5.5])
    expect(valueRange([0])).toEqual([-1, 1])
    expect(valueRange([])).toEqual([0, 1])
  })
})

describe('labelling the time axis', () => {
  it('names days over a span of days, and hours within one day', () => {
    expect(timeTickFormat([0, 7 * DAY])).not.toHaveProperty('hour')
    expect(timeTickFormat([0, DAY])).toHaveProperty('hour')
  })
})

describe('placing the baseline and target labels', () => {
  it('leaves labels far apart where their lines are', () => {
    expect(spreadLabels([20, 80], 12, 0, 100)).toEqual([20, 80])
  })

  it('moves labels of close lines apart, keeping their order', () => {
    const [baseline, target] = spreadLabels([50, 46], 12, 0, 100)
    expect(baseline! - target!).toBe(12)
    expect(target).toBe(46)
  })

  it('keeps labels inside the plot when lines sit at its bottom edge', () => {
    const placed = spreadLabels([100, 99], 12, 0, 100)
    expect(Math.max(...placed)).toBe(100)
    expect(Math.abs(placed[0]! - placed[1]!)).toBe(12)
  })
})

describe('finding the point under the pointer', () => {
  it('picks the nearest x, and nothing when there are no points', () => {
    expect(nearestIndex([0, 100, 200], 140)).toBe(1)
    expect(nearestIndex([0, 100, 200], 160)).toBe(2)
    expect(nearestIndex([], 10)).toBeNull()
  })

  it('picks the latest of points measured at one moment', () => {
    expect(nearestIndex([0, 50, 50, 100], 52)).toBe(2)
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
