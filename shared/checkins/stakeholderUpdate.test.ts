import { describe, expect, it } from 'vitest'
import type { Metric } from '../canvases/hypothesis/metric.js'
import type { Measurement } from '../canvases/hypothesis/tracking.js'
import { emptyProjectTracking } from '../canvases/project/tracking.js'
import type { Checkin } from './checkin.js'
import { hypothesisSinceLines, projectSinceLines } from './sinceLines.js'
import { hypothesisUpdate, projectUpdate } from './stakeholderUpdate.js'

const metric: Metric = {
  id: 'm1',
  key: 'conversion',
  name: 'Conversion',
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: 4, at: null, source: null },
  target: { value: 5 },
  tolerance: null,
}
const measure = (value: number, at: string, baseline = false): Measurement => ({
  id: `${value}-${at}`,
  metric: 'conversion',
  value,
  at,
  source: null,
  baseline,
  recordedAt: at,
  by: 'API',
})
const checkin = (at: string, extra: Partial<Checkin> = {}): Checkin => ({
  id: `c-${at.slice(0, 10)}`,
  at,
  by: 'Ada',
  happened: 'Shipped the new checkout',
  likelihood: { percent: 60 },
  momentum: 'moving',
  next: 'Try a cheaper plan',
  since: [],
  ...extra,
})
const now = Date.parse('2026-12-10T12:00:00Z')

describe('what happened since the last check-in', () => {
  it('lists the measurements recorded since, per metric, without baselines', () => {
    const measurements = [
      measure(4.1, '2026-12-01T10:00:00.000Z'),
      measure(4.4, '2026-12-05T10:00:00.000Z'),
      measure(4.8, '2026-12-06T10:00:00.000Z'),
      measure(3.9, '2026-12-06T11:00:00.000Z', true),
    ]
    expect(hypothesisSinceLines([metric], measurements, '2026-12-03T00:00:00.000Z')).toEqual([
      'Conversion: 2 measurements, latest 4.8 % on 2026-12-06',
    ])
    expect(hypothesisSinceLines([metric], measurements, '2026-12-07T00:00:00.000Z')).toEqual([])
  })

  it('lists a project’s moves, gate answers and new links since', () => {
    const tracking = {
      ...emptyProjectTracking(),
      stage: 'experimentation' as const,
      moves: [
        {
          from: 'ideation' as const,
          to: 'experimentation' as const,
          at: '2026-12-05T10:00:00.000Z',
          by: 'Ada',
          why: 'worth testing',
        },
      ],
      gates: {
        'ideation/needs-ml': {
          answer: 'yes' as const,
          note: '',
          by: 'Ada',
          at: '2026-12-04T10:00:00.000Z',
        },
        'ideation/problem-concrete': {
          answer: 'yes' as const,
          note: '',
          by: 'Ada',
          at: '2026-11-01T10:00:00.000Z',
        },
      },
      links: [
        { boardId: 'b1', hypothesisId: 'h1' },
        { boardId: 'b1', hypothesisId: 'h2' },
      ],
    }
    const last = checkin('2026-12-01T00:00:00.000Z', { linked: ['b1/h1'] })
    expect(projectSinceLines(tracking, last)).toEqual([
      'Moved from Ideation to Experimentation on 2026-12-05: worth testing',
      'Answered yes to “Ideation: Does it need ML at all?” on 2026-12-04',
      'Linked hypothesis b1/h2',
    ])
  })
})

describe('the stakeholder update', () => {
  it('gives a hypothesis’s metrics, what happened, lessons and open assumptions', () => {
    const md = hypothesisUpdate(
      {
        title: 'Cheaper plan lifts conversion',
        status: 'running',
        verdict: { verdict: 'pending', reason: 'Conversion is missed so far.' },
        metrics: [metric],
        measurements: [
          measure(4.1, '2026-12-01T10:00:00.000Z'),
          measure(4.6, '2026-12-06T10:00:00.000Z'),
        ],
        lessons: [
          {
            id: 'l1',
            text: 'People read the price first',
            at: '2026-12-02T00:00:00.000Z',
            by: 'Ada',
          },
        ],
        assumptions: [
          { id: 'a1', text: 'Price is the blocker', state: 'untested' },
          { id: 'a2', text: 'Traffic stays flat', state: 'holding' },
        ],
        checkins: [checkin('2026-12-03T09:00:00.000Z')],
        standing: { dueAt: '2026-12-10T09:00:00.000Z', state: 'due' },
      },
      now,
    )
    expect(md).toContain('# Cheaper plan lifts conversion: update of 2026-12-10')
    expect(md).toContain('| Conversion | 4 % | 5 % | 4\\.6 % | 2026-12-06 |')
    expect(md).toContain('## Since the last check-in (2026-12-03)')
    expect(md).toContain('- Conversion: 1 measurement, latest 4.6 % on 2026-12-06')
    expect(md).toContain('Experiments planned then: Try a cheaper plan')
    expect(md).toContain('likelihood of success 60 %, moving')
    expect(md).toContain('- 2026-12-02: People read the price first')
    expect(md).toContain('- Price is the blocker (untested)')
    expect(md).not.toContain('Traffic stays flat')
    expect(md).toContain('- Next check-in: 2026-12-10 (due)')
  })

  it('gives a project’s stage, its hypotheses’ metrics and its open gates', () => {
    const md = projectUpdate(
      {
        title: 'Churn model',
        owner: 'Grace',
        tracking: { ...emptyProjectTracking() },
        checkins: [],
        standing: null,
        hypotheses: [
          { title: 'Cheaper plan', verdict: 'pending', metrics: [metric], measurements: [] },
        ],
      },
      now,
    )
    expect(md).toContain('Stage: Ideation. Status: active. Owner: Grace.')
    expect(md).toContain('- No check-in yet')
    expect(md).toContain('### Cheaper plan (pending)')
    expect(md).toContain('| Conversion | 4 % | 5 % | — |  |')
    expect(md).toContain('- Open gate question of Ideation: Does it need ML at all?')
    expect(md).toContain('- Hypothesis Cheaper plan is pending')
  })
})
