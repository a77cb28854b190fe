import { describe, expect, it } from 'vitest'
import type { TrackerMetric } from '../../shared/api/hypotheses'
import { formatMetricValue, metricProgress } from './metricProgress'

const conversion: TrackerMetric = {
  key: 'conversion',
  name: 'Checkout conversion',
  unit: '%',
  kind: 'success',
  direction: 'increase',
  baseline: 4,
  target: 5,
  latest: 5.3,
  latestAt: '2026-11-03T00:00:00.000Z',
}
const latency: TrackerMetric = {
  ...conversion,
  key: 'latency',
  name: 'p95 latency',
  unit: 'ms',
  direction: 'decrease',
  baseline: 200,
  target: 180,
  latest: 190,
}

describe('a metric value with its unit', () => {
  it('writes percent signs against the number and other units after a space', () => {
    expect(formatMetricValue(5.3, '%', 'en-US')).toBe('5.3%')
    expect(formatMetricValue(120, 'ms', 'en-US')).toBe('120 ms')
    expect(formatMetricValue(3, ' orders ', 'en-US')).toBe('3 orders')
    expect(formatMetricValue(7, '', 'en-US')).toBe('7')
  })

  it('rounds long fractions but keeps small rates readable', () => {
    expect(formatMetricValue(5.33333, '%', 'en-US')).toBe('5.33%')
    expect(formatMetricValue(0.05123, '', 'en-US')).toBe('0.0512')
    expect(formatMetricValue(12500, 'users', 'en-US')).toBe('12,500 users')
  })
})

describe('the latest value against the target', () => {
  it('is on target when a rising metric reaches its target', () => {
    expect(metricProgress(conversion, 'en-US')).toMatchObject({
      latest: '5.3%',
      target: '≥ 5%',
      arrow: '↑',
      onTarget: true,
    })
    expect(metricProgress({ ...conversion, latest: 4.9 }, 'en-US').onTarget).toBe(false)
    expect(metricProgress({ ...conversion, latest: 5 }, 'en-US').onTarget).toBe(true)
  })

  it('is on target when a falling metric gets down to its target', () => {
    expect(metricProgress(latency, 'en-US')).toMatchObject({
      latest: '190 ms',
      target: '≤ 180 ms',
      arrow: '↓',
      onTarget: false,
    })
    expect(metricProgress({ ...latency, latest: 175 }, 'en-US').onTarget).toBe(true)
  })

  it('makes no judgement before a measurement or without a target', () => {
    const none = metricProgress({ ...conversion, latest: null, latestAt: null }, 'en-US')
    expect(none).toMatchObject({ latest: null, onTarget: null })
    expect(none.description).toBe(
      'Checkout conversion (should increase): no measurement yet, target ≥ 5%',
    )
    const untargeted = metricProgress({ ...conversion, target: null }, 'en-US')
    expect(untargeted).toMatchObject({ target: null, onTarget: null })
    expect(untargeted.description).toContain('no target set')
  })

  it('names the metric by its key when it has no name', () => {
    expect(metricProgress({ ...latency, name: ' ' }, 'en-US').description).toBe(
      'latency (should decrease): latest 190 ms, target ≤ 180 ms',
    )
  })
})
