import { describe, expect, it } from 'vitest'
import type { Metric } from './metric.js'
import {
  amendmentsFor,
  criteriaLocked,
  startedTimebox,
  transitionError,
  type HypothesisStatus,
} from './tracking.js'

const metric = (over: Partial<Metric> & Pick<Metric, 'key'>): Metric => ({
  id: `id-${over.key}`,
  name: over.key,
  kind: 'success',
  unit: '',
  direction: 'increase',
  baseline: { value: 1, at: null, source: null },
  target: { value: 2 },
  tolerance: null,
  ...over,
})
const complete = [
  metric({ key: 'conv' }),
  metric({ key: 'lat', kind: 'guardrail', target: { value: null } }),
]
const noTarget = [metric({ key: 'conv', target: { value: null } })]
const noBaseline = [metric({ key: 'conv', baseline: { value: null, at: null, source: null } })]
const decision = { decision: 'stop' as const, rationale: 'r', by: 'b', at: '2026-11-01T00:00:00Z' }

describe('transitionError', () => {
  it.each<[HypothesisStatus, HypothesisStatus, Metric[], boolean, RegExp | null]>([
    ['draft', 'ready', complete, false, null],
    ['draft', 'running', complete, false, null],
    ['ready', 'running', complete, false, null],
    ['ready', 'draft', noTarget, false, null],
    ['running', 'evaluated', complete, false, null],
    ['running', 'decided', complete, true, null],
    ['evaluated', 'decided', complete, true, null],
    ['draft', 'draft', [], false, null],
    ['draft', 'ready', [], false, /at least one success criterion/],
    ['draft', 'running', noTarget, false, /conv lacks one/],
    ['ready', 'running', noBaseline, false, /conv lacks one/],
    [
      'draft',
      'running',
      [...noTarget, metric({ key: 'b', target: { value: null } })],
      false,
      /conv, b lack one/,
    ],
    ['running', 'ready', complete, false, /cannot go back from running to ready/],
    ['decided', 'running', complete, true, /cannot go back/],
    ['evaluated', 'running', complete, false, /cannot go back/],
    ['draft', 'evaluated', complete, false, /Only a running hypothesis can be evaluated/],
    ['ready', 'decided', complete, true, /Only a running hypothesis can be decided/],
    ['running', 'decided', complete, false, /Record a decision/],
  ])('%s → %s', (from, to, metrics, decided, expected) => {
    const error = transitionError(from, to, metrics, decided ? decision : null)
    if (expected === null) expect(error).toBeNull()
    else expect(error).toMatch(expected)
  })
})

describe('the time box', () => {
  it('starts now and ends whole days later', () => {
    expect(startedTimebox(7, Date.parse('2026-11-02T09:30:00.000Z'))).toEqual({
      start: '2026-11-02T09:30:00.000Z',
      end: '2026-11-09T09:30:00.000Z',
      days: 7,
    })
  })
})

describe('amendments', () => {
  const change = { at: '2026-11-03T00:00:00.000Z', by: 'Ana', reason: 'why', newId: () => 'new-id' }

  it('are only needed once the criteria are locked', () => {
    expect(
      ['draft', 'ready', 'running', 'evaluated', 'decided'].map((s) =>
        criteriaLocked(s as HypothesisStatus),
      ),
    ).toEqual([false, false, true, true, true])
  })

  it('record each changed, added and removed metric with before and after', () => {
    const before = [metric({ key: 'a' }), metric({ key: 'b' })]
    const after = [metric({ key: 'a', target: { value: 3 } }), metric({ key: 'c' })]
    expect(
      amendmentsFor(before, after, change).map((a) => [
        a.metric,
        a.before?.key ?? null,
        a.after?.key ?? null,
      ]),
    ).toEqual([
      ['a', 'a', 'a'],
      ['b', 'b', null],
      ['c', null, 'c'],
    ])
  })

  it('are not made for metrics restated unchanged, even with new ids or in another order', () => {
    const before = [metric({ key: 'a' }), metric({ key: 'b' })]
    const after = [metric({ key: 'b', id: 'other-id' }), metric({ key: 'a' })]
    expect(amendmentsFor(before, after, change)).toEqual([])
  })

  it.each([
    ['the name', { name: 'renamed' }],
    ['the kind', { kind: 'guardrail' as const }],
    ['the unit', { unit: 'ms' }],
    ['the direction', { direction: 'decrease' as const }],
    ['the baseline', { baseline: { value: 1.5, at: null, source: null } }],
    ['where the baseline came from', { baseline: { value: 1, at: null, source: 'dash' } }],
    ['the tolerance', { tolerance: 3 }],
  ])('are made for a change of %s', (_n, over) => {
    expect(
      amendmentsFor([metric({ key: 'a' })], [metric({ key: 'a', ...over })], change),
    ).toHaveLength(1)
  })
})
