import { describe, expect, it } from 'vitest'
import { freshMeasurements, measurementsRefusal } from './recording'

describe('which measurements a hypothesis takes', () => {
  it('takes anything while running, and only baselines otherwise', () => {
    expect(measurementsRefusal('running', [{}], false)).toBeNull()
    expect(measurementsRefusal('draft', [{ baseline: true }], false)).toBeNull()
    expect(measurementsRefusal('ready', [{}], true)).toBeNull()
    expect(measurementsRefusal('evaluated', [{ baseline: true }, {}], false)).toContain(
      'evaluated, not running',
    )
    expect(measurementsRefusal('draft', [{ baseline: false }], true)).toContain('baseline')
  })
})

describe('fresh measurements', () => {
  it('drops ids seen before or repeated, and dates the rest', () => {
    let n = 0
    const seen = new Set(['old'])
    const fresh = freshMeasurements(
      [
        { metric: 'conversion', value: 1, id: 'old' },
        { metric: 'conversion', value: 2, id: 'new' },
        { metric: 'conversion', value: 3, id: 'new' },
        { metric: 'conversion', value: 4 },
      ],
      seen,
      {
        baseline: false,
        by: 'Ann',
        now: Date.parse('2026-03-09T09:00:00Z'),
        newId: () => `gen${++n}`,
      },
    )
    expect(fresh.map((m) => [m.id, m.value])).toEqual([
      ['new', 2],
      ['gen1', 4],
    ])
    expect(fresh[0]).toMatchObject({ at: '2026-03-09T09:00:00.000Z', by: 'Ann', baseline: false })
    expect(seen).toEqual(new Set(['old', 'new', 'gen1']))
  })
})
