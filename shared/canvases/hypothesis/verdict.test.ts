import { describe, expect, it } from 'vitest'
import type { Metric } from '../schema.js'
import { computeVerdict, type MeasurementPoint } from './verdict.js'

const metric = (over: Partial<Metric> & Pick<Metric, 'key' | 'kind'>): Metric => ({
  id: `id-${over.key}`,
  name: over.key,
  unit: '',
  direction: 'increase',
  baseline: { value: 10, at: null, source: null },
  target: { value: 12 },
  tolerance: null,
  ...over,
})

const conversion = metric({
  key: 'conv',
  kind: 'success',
  direction: 'increase',
  target: { value: 5 },
})
const timeToTask = metric({
  key: 'ttt',
  kind: 'success',
  direction: 'decrease',
  target: { value: 30 },
})
const latency = metric({
  key: 'lat',
  kind: 'guardrail',
  direction: 'decrease',
  baseline: { value: 200, at: null, source: null },
  tolerance: 20,
})
const nps = metric({
  key: 'nps',
  kind: 'guardrail',
  direction: 'increase',
  baseline: { value: 40, at: null, source: null },
  tolerance: 5,
})
const recall = metric({ key: 'recall', kind: 'evaluation', target: { value: 0.9 } })

const END = '2026-11-08T00:00:00.000Z'
const BEFORE = Date.parse(END) - 1
const AT_END = Date.parse(END)
const m = (
  metric: string,
  value: number,
  at = '2026-11-03T00:00:00.000Z',
  baseline = false,
): MeasurementPoint => ({
  metric,
  value,
  at,
  baseline,
})

describe('computeVerdict', () => {
  it.each([
    ['no measurements yet, time box running', [conversion], [], BEFORE, 'pending'],
    ['increase target met', [conversion], [m('conv', 5)], BEFORE, 'supported'],
    [
      'increase target just missed while running',
      [conversion],
      [m('conv', 4.99)],
      BEFORE,
      'pending',
    ],
    ['decrease target met', [timeToTask], [m('ttt', 30)], BEFORE, 'supported'],
    ['decrease target missed at the end', [timeToTask], [m('ttt', 31)], AT_END, 'refuted'],
    [
      'one of two criteria met while running',
      [conversion, timeToTask],
      [m('conv', 6)],
      BEFORE,
      'pending',
    ],
    [
      'both criteria met',
      [conversion, timeToTask],
      [m('conv', 6), m('ttt', 20)],
      BEFORE,
      'supported',
    ],
    ['time box ended without data', [conversion], [], AT_END, 'inconclusive'],
    [
      'time box ended, one met, one without data',
      [conversion, timeToTask],
      [m('conv', 6)],
      AT_END,
      'inconclusive',
    ],
    [
      'time box ended, one missed, one without data',
      [conversion, timeToTask],
      [m('conv', 1)],
      AT_END,
      'refuted',
    ],
    [
      'a decrease guardrail within tolerance',
      [conversion, latency],
      [m('conv', 6), m('lat', 220)],
      BEFORE,
      'supported',
    ],
    [
      'a decrease guardrail breached',
      [conversion, latency],
      [m('conv', 6), m('lat', 221)],
      BEFORE,
      'refuted',
    ],
    [
      'an increase guardrail within tolerance',
      [conversion, nps],
      [m('conv', 6), m('nps', 35)],
      BEFORE,
      'supported',
    ],
    [
      'an increase guardrail breached',
      [conversion, nps],
      [m('conv', 6), m('nps', 34.9)],
      BEFORE,
      'refuted',
    ],
    [
      'an evaluation metric never decides',
      [conversion, recall],
      [m('conv', 6), m('recall', 0.1)],
      BEFORE,
      'supported',
    ],
    [
      'only baseline readings count as no data',
      [conversion],
      [m('conv', 9, undefined, true)],
      AT_END,
      'inconclusive',
    ],
    [
      'the latest value by time wins',
      [conversion],
      [m('conv', 9, '2026-11-04T00:00:00Z'), m('conv', 1, '2026-11-02T00:00:00Z')],
      BEFORE,
      'supported',
    ],
    ['no success criteria, running', [latency], [m('lat', 100)], BEFORE, 'pending'],
    ['no success criteria, ended', [latency], [m('lat', 100)], AT_END, 'inconclusive'],
  ] as const)('%s → %s', (_name, metrics, measurements, now, expected) => {
    expect(computeVerdict(metrics, measurements, END, now).verdict).toBe(expected)
  })

  it('never ends a time box that has no end', () => {
    expect(computeVerdict([conversion], [], null, Date.parse('2100-01-01')).verdict).toBe('pending')
  })

  it('explains a refutation by naming the breached guardrail', () => {
    const r = computeVerdict([conversion, latency], [m('conv', 6), m('lat', 500)], END, BEFORE)
    expect(r.reason).toContain('lat')
    expect(r.metrics.find((x) => x.key === 'lat')?.state).toBe('breached')
  })
})
