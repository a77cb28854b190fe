import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { writeCanvas, emptyCanvas } from '../../doc/canvasDoc.js'
import type { CanvasContent } from '../schema.js'
import { linkableMetrics, linkedMetricStanding } from './linkedMetric.js'
import { appendMeasurements } from './trackingDoc.js'

const metric = {
  id: 'metric-000001',
  key: 'conversion',
  name: 'Conversion',
  kind: 'success' as const,
  unit: '%',
  direction: 'increase' as const,
  baseline: { value: 4, at: null, source: null },
  target: { value: 5 },
  tolerance: null,
}

function board() {
  const doc = new Y.Doc()
  const hypothesis = { ...emptyCanvas('hypothesis', 'Checkout', 'hypo-0001'), metrics: [metric] }
  let map!: Y.Map<unknown>
  doc.transact(() => {
    map = writeCanvas(doc, hypothesis as CanvasContent)
    writeCanvas(doc, emptyCanvas('lean', 'Shop', 'lean-0001'))
  })
  return { doc, map }
}

const link = { canvasId: 'hypo-0001', metricKey: 'conversion' }
const NOW = Date.parse('2026-11-05T12:00:00Z')

describe('a metric linked from another canvas', () => {
  it('has no value before the first measurement', () => {
    expect(linkedMetricStanding(board().doc, link, NOW)).toMatchObject({
      found: true,
      hypothesisTitle: 'Checkout',
      metricName: 'Conversion',
      latest: null,
      state: 'no-data',
      verdict: 'pending',
    })
  })

  it('shows the latest measurement and the verdict the hypothesis has', () => {
    const { doc, map } = board()
    const m = (id: string, value: number, at: string) => ({
      id,
      metric: 'conversion',
      value,
      at,
      source: null,
      baseline: false,
      recordedAt: at,
      by: 'api',
    })
    doc.transact(() =>
      appendMeasurements(map, [
        m('measure-01', 4.5, '2026-11-02T00:00:00.000Z'),
        m('measure-02', 5.5, '2026-11-03T00:00:00.000Z'),
      ]),
    )
    expect(linkedMetricStanding(doc, link, NOW)).toMatchObject({
      latest: 5.5,
      latestAt: '2026-11-03T00:00:00.000Z',
      state: 'met',
      verdict: 'supported',
    })
  })

  it('says so when the hypothesis or its metric is gone', () => {
    const { doc } = board()
    expect(linkedMetricStanding(doc, { ...link, canvasId: 'lean-0001' }, NOW)).toEqual({
      found: false,
      reason: 'The linked hypothesis is not on this board.',
    })
    expect(linkedMetricStanding(doc, { ...link, metricKey: 'revenue' }, NOW)).toEqual({
      found: false,
      reason: '“Checkout” has no metric revenue now.',
    })
  })

  it('lists the metrics of every hypothesis on the board for the picker', () => {
    expect(linkableMetrics(board().doc)).toEqual([
      { canvasId: 'hypo-0001', title: 'Checkout', metricKey: 'conversion', name: 'Conversion' },
    ])
  })
})
