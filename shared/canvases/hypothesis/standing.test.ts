import { describe, expect, it } from 'vitest'
import { relativeTargetWords, targetValue, type Metric } from './metric.js'
import { standingVerdict } from './standing.js'
import { incompleteCriteria, type DecisionRecord } from './tracking.js'
import { computeVerdict } from './verdict.js'

const conversion = (target: Metric['target'], baseline: number | null = 4): Metric => ({
  id: 'conv-id',
  key: 'conv',
  name: 'Conversion',
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: baseline, at: '2026-10-01T00:00:00.000Z', source: 'warehouse' },
  target,
  tolerance: null,
})

const at = (day: number) => `2026-11-${String(day).padStart(2, '0')}T10:00:00.000Z`
const point = (value: number, day: number) => ({ metric: 'conv', value, at: at(day) })

describe('a target relative to the baseline', () => {
  it('resolves percent and absolute deltas against the baseline', () => {
    expect(targetValue(conversion({ value: null, relative: { by: 10, unit: '%' } }))).toBe(4.4)
    expect(targetValue(conversion({ value: null, relative: { by: -0.5, unit: 'abs' } }))).toBe(3.5)
    expect(targetValue(conversion({ value: 7 }))).toBe(7)
  })

  it('has no value, and keeps the hypothesis from running, while the baseline is unknown', () => {
    const metric = conversion({ value: null, relative: { by: 10, unit: '%' } }, null)
    expect(targetValue(metric)).toBeNull()
    expect(incompleteCriteria([metric])).toEqual(['conv'])
    expect(
      incompleteCriteria([conversion({ value: null, relative: { by: 10, unit: '%' } })]),
    ).toEqual([])
  })

  it('judges the latest value against the resolved target', () => {
    const metrics = [conversion({ value: null, relative: { by: 10, unit: '%' } })]
    expect(computeVerdict(metrics, [point(4.3, 3)], null, Date.now()).verdict).toBe('pending')
    expect(computeVerdict(metrics, [point(4.4, 3)], null, Date.now()).verdict).toBe('supported')
  })

  it('is said in words with its sign and direction', () => {
    expect(relativeTargetWords({ by: 10, unit: '%' }, '%')).toBe('+10 % over baseline')
    expect(relativeTargetWords({ by: -20, unit: 'abs' }, 'ms')).toBe('−20 ms under baseline')
  })
})

describe('the verdict a hypothesis shows once it is judged', () => {
  const metrics = [conversion({ value: 5 })]
  const timebox = { end: at(14) }
  const now = Date.parse(at(2)) + 30 * 24 * 3600 * 1000

  it('is pending while it runs without enough data', () => {
    const v = standingVerdict(
      metrics,
      [point(4.5, 3)],
      { status: 'running', timebox, decision: null },
      Date.parse(at(5)),
    )
    expect(v.verdict).toBe('pending')
  })

  it('is never pending once evaluated, even before the time box ends', () => {
    const v = standingVerdict(
      metrics,
      [point(4.5, 3)],
      { status: 'evaluated', timebox, decision: null },
      Date.parse(at(5)),
    )
    expect(v.verdict).toBe('refuted')
    expect(v.reason).toBe('Judged before the time box ended, with conv short of target.')
  })

  it('is the verdict kept with the decision, whatever arrives later', () => {
    const decision: DecisionRecord = {
      decision: 'persevere',
      rationale: 'Good enough',
      by: 'Ana',
      at: at(10),
      verdictAtDecision: {
        verdict: 'supported',
        reason: 'Every success criterion meets its target.',
      },
    }
    const later = [point(5.2, 9), point(1, 20)]
    const v = standingVerdict(metrics, later, { status: 'decided', timebox, decision }, now)
    expect(v).toMatchObject({
      verdict: 'supported',
      reason: 'Every success criterion meets its target.',
    })
  })

  it('judges a decision recorded before verdicts were kept as of its own date', () => {
    const decision: DecisionRecord = { decision: 'stop', rationale: 'No', by: 'Ana', at: at(10) }
    const v = standingVerdict(
      metrics,
      [point(4.5, 3)],
      { status: 'decided', timebox, decision },
      now,
    )
    expect(v.verdict).toBe('refuted')
  })
})
