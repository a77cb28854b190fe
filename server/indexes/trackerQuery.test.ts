import { describe, expect, it } from 'vitest'
import type { Metric } from '../../shared/canvases/hypothesis/metric.js'
import { trackerRow } from './trackerQuery.js'

const conversion: Metric = {
  id: 'metric-conv',
  key: 'conversion',
  name: 'Conversion',
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: 4, at: null, source: null },
  target: { value: null, relative: { by: 10, unit: '%' } },
  tolerance: null,
}

const row = (over: { status: string; decision: string | null }) => ({
  boardId: 'Board000000000000000001',
  boardTitle: 'Checkout',
  canvasId: 'hypothesis-1',
  title: 'One-page checkout',
  sentence: 'We believe that …',
  metricsJson: JSON.stringify([conversion]),
  latestJson: JSON.stringify({ conversion: { value: 4.2, at: '2026-11-25T00:00:00.000Z' } }),
  timeboxStart: '2026-11-23T00:00:00.000Z',
  timeboxEnd: '2026-12-14T00:00:00.000Z',
  updatedAt: Date.parse('2026-11-30T10:00:00.000Z'),
  verdictOpen: null,
  verdictEnded: null,
  ...over,
})
const now = Date.parse('2026-12-02T00:00:00.000Z')

describe('a tracker row', () => {
  it('shows the verdict kept with the decision and when it was decided', () => {
    const decision = {
      decision: 'persevere',
      rationale: 'Good enough',
      by: 'Ana',
      at: '2026-11-30T10:00:00.000Z',
      verdictAtDecision: { verdict: 'supported', reason: 'Kept' },
    }
    expect(
      trackerRow(row({ status: 'decided', decision: JSON.stringify(decision) }), now),
    ).toMatchObject({
      verdict: 'supported',
      verdictReason: 'Kept',
      decision: 'persevere',
      decidedAt: '2026-11-30T10:00:00.000Z',
    })
  })

  it('reads a row indexed before decisions were kept whole, and judges it closed', () => {
    expect(trackerRow(row({ status: 'decided', decision: 'stop' }), now)).toMatchObject({
      verdict: 'refuted',
      decision: 'stop',
      decidedAt: null,
    })
  })

  it('gives the primary metric its relative target as the value it resolves to', () => {
    const running = trackerRow(row({ status: 'running', decision: null }), now)
    expect(running.verdict).toBe('pending')
    expect(running.primaryMetric).toMatchObject({ baseline: 4, target: 4.4, latest: 4.2 })
  })
})
