import { describe, expect, it } from 'vitest'
import type { Metric } from './metric.js'
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
    [
      'increase target missed when the time box ends',
      [conversion],
      [m('conv', 4.99)],
      AT_END,
      'refuted',
    ],
    [
      'decrease target just missed while running',
      [timeToTask],
      [m('ttt', 30.01)],
      BEFORE,
      'pending',
    ],
    ['target met still counts after the end', [conversion], [m('conv', 5)], AT_END, 'supported'],
    [
      'target met long after the end',
      [conversion],
      [m('conv', 7)],
      AT_END + 86_400_000,
      'supported',
    ],
    [
      'a criterion without a target is never met',
      [metric({ key: 'c', kind: 'success', target: { value: null } })],
      [m('c', 1_000)],
      AT_END,
      'refuted',
    ],
    [
      'a guardrail without tolerance: equal to baseline is fine',
      [conversion, metric({ key: 'g', kind: 'guardrail', direction: 'decrease' })],
      [m('conv', 6), m('g', 10)],
      BEFORE,
      'supported',
    ],
    [
      'a guardrail without tolerance: any worse is a breach',
      [conversion, metric({ key: 'g', kind: 'guardrail', direction: 'decrease' })],
      [m('conv', 6), m('g', 10.001)],
      BEFORE,
      'refuted',
    ],
    [
      'a guardrail better than its baseline is fine',
      [conversion, latency, nps],
      [m('conv', 6), m('lat', 10), m('nps', 90)],
      BEFORE,
      'supported',
    ],
    [
      'a guardrail without a baseline is never breached',
      [
        conversion,
        metric({
          key: 'g',
          kind: 'guardrail',
          baseline: { value: null, at: null, source: null },
        }),
      ],
      [m('conv', 6), m('g', -1e9)],
      BEFORE,
      'supported',
    ],
    [
      'a guardrail without data does not hold back support',
      [conversion, latency],
      [m('conv', 6)],
      BEFORE,
      'supported',
    ],
    [
      'a breach wins over criteria that are met',
      [conversion, timeToTask, latency],
      [m('conv', 6), m('ttt', 1), m('lat', 500)],
      BEFORE,
      'refuted',
    ],
    [
      'a breach wins over an ended time box without data',
      [conversion, latency],
      [m('lat', 500)],
      AT_END,
      'refuted',
    ],
    [
      'a newer baseline reading does not replace a measurement',
      [conversion],
      [m('conv', 6, '2026-11-02T00:00:00Z'), m('conv', 1, '2026-11-05T00:00:00Z', true)],
      BEFORE,
      'supported',
    ],
    [
      'of two values at the same time, the one recorded last wins',
      [conversion],
      [m('conv', 9), m('conv', 1)],
      BEFORE,
      'pending',
    ],
    [
      'a later value that misses replaces an earlier one that met',
      [conversion],
      [m('conv', 9, '2026-11-02T00:00:00Z'), m('conv', 1, '2026-11-04T00:00:00Z')],
      AT_END,
      'refuted',
    ],
    ['no metrics at all, running', [], [], BEFORE, 'pending'],
    ['no metrics at all, ended', [], [], AT_END, 'inconclusive'],
    ['no success criteria, running', [latency], [m('lat', 100)], BEFORE, 'pending'],
    ['no success criteria, ended', [latency], [m('lat', 100)], AT_END, 'inconclusive'],
  ] as const)('%s → %s', (_name, metrics, measurements, now, expected) => {
    expect(computeVerdict(metrics, measurements, END, now).verdict).toBe(expected)
  })

  it('judges each metric: met, missed, no data, breached, within tolerance, tracked', () => {
    const r = computeVerdict(
      [conversion, timeToTask, latency, nps, recall],
      [m('conv', 6), m('ttt', 31), m('lat', 500), m('recall', 0.5)],
      END,
      BEFORE,
    )
    expect(r.metrics.map((x) => [x.key, x.state, x.latest])).toEqual([
      ['conv', 'met', 6],
      ['ttt', 'missed', 31],
      ['lat', 'breached', 500],
      ['nps', 'no-data', null],
      ['recall', 'tracked', 0.5],
    ])
    const fine = computeVerdict([latency], [m('lat', 200)], END, BEFORE)
    expect(fine.metrics[0]!.state).toBe('within-tolerance')
  })

  it('names the missed criteria when the time box ends', () => {
    const r = computeVerdict([conversion, timeToTask], [m('conv', 1), m('ttt', 1)], END, AT_END)
    expect(r.verdict).toBe('refuted')
    expect(r.reason).toContain('conv')
    expect(r.reason).not.toContain('ttt')
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
