import { describe, expect, it } from 'vitest'
import { emptyCanvas } from '../../doc/canvasDoc.js'
import { exportCanvasMarkdown, type ExportCanvas } from '../../markdown/exportMarkdown.js'
import { MarkdownImportError, importMarkdown } from '../../markdown/importMarkdown.js'
import { hypothesisCanvas } from './definition.js'
import type { Metric } from './metric.js'
import { emptyTracking, type HypothesisTracking } from './tracking.js'

const NOW = Date.parse('2026-12-02T12:00:00.000Z')

const metric = (over: Partial<Metric> & Pick<Metric, 'id' | 'key'>): Metric => ({
  name: over.key,
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: 4, at: '2026-10-01T00:00:00.000Z', source: 'warehouse | Q3 report' },
  target: { value: 5 },
  tolerance: null,
  ...over,
})

function ledgerCanvas(): ExportCanvas {
  const { id, title, fields, boxes } = emptyCanvas(
    hypothesisCanvas.kind,
    'Checkout copy',
    'hyp-ledger-1',
  )
  const tracking: HypothesisTracking = {
    ...emptyTracking(),
    status: 'decided',
    timebox: { start: '2026-11-23T09:00:00.000Z', end: '2026-12-07T09:00:00.000Z', days: 14 },
    decision: {
      decision: 'persevere',
      rationale: 'It holds | mostly',
      by: 'Ana',
      at: '2026-11-30T10:00:00.000Z',
      verdictAtDecision: { verdict: 'supported', reason: 'Every success criterion | met.' },
    },
    history: [
      {
        id: 'note-0001',
        at: '2026-11-25T00:00:00.000Z',
        by: 'import',
        note: 'Restored the time box as recorded: started 23 Nov',
      },
    ],
  }
  return {
    id,
    title,
    fields,
    boxes,
    kind: hypothesisCanvas.kind,
    metrics: [
      metric({
        id: 'metric-rel',
        key: 'conversion',
        target: { value: null, relative: { by: 10, unit: '%' } },
      }),
      metric({
        id: 'metric-abs',
        key: 'latency',
        unit: 'ms',
        direction: 'decrease',
        baseline: { value: 200, at: '2026-10-02T08:30:00.000Z', source: 'apm' },
        target: { value: null, relative: { by: -20, unit: 'abs' } },
      }),
      metric({
        id: 'metric-plain',
        key: 'signups',
        baseline: { value: 10, at: null, source: null },
      }),
    ],
    assumptions: [
      { id: 'assume-1', text: 'People read the copy | at all', state: 'broken' },
      { id: 'assume-2', text: 'Price is not the blocker', state: 'holding' },
      { id: 'assume-3', text: 'Mobile behaves like desktop', state: 'untested' },
    ],
    tracking,
  }
}

describe('the hypothesis ledger in markdown', () => {
  it('round-trips assumptions, relative targets, baseline time and source, the verdict at decision and history', () => {
    const canvas = ledgerCanvas()
    const text = exportCanvasMarkdown(canvas, { now: NOW })
    const [back] = importMarkdown(text).canvases
    expect(back!.assumptions).toEqual(canvas.assumptions)
    expect(back!.metrics).toEqual(canvas.metrics)
    expect(back!.tracking).toEqual(canvas.tracking)
    // Exported again, it reads the same.
    expect(exportCanvasMarkdown(back!, { now: NOW })).toBe(text)
  })

  it('writes a relative target in words with the value it resolves to', () => {
    const text = exportCanvasMarkdown(ledgerCanvas(), { now: NOW })
    expect(text).toContain('+10 % over baseline (→ 4.4) <!-- target by="10" unit="%" -->')
    expect(text).toContain('−20 ms under baseline (→ 180)')
    expect(text).toMatch(/### Assumptions[\s\S]*\| 1 \| People read the copy/)
    expect(text).toMatch(/\| persevere \|.*\| supported: Every success criterion/)
  })

  it('reads a decision exported before its verdict was kept', () => {
    const text = exportCanvasMarkdown(ledgerCanvas(), { now: NOW })
      .replace('| Decision | Rationale | By | At | Verdict |', '| Decision | Rationale | By | At |')
      .replace(/^(\| persevere \| .* \| 2026-11-30T10:00:00.000Z) \| supported: .* \|$/m, '$1 |')
    const [back] = importMarkdown(text).canvases
    expect(back!.tracking).toMatchObject({ decision: { decision: 'persevere', by: 'Ana' } })
    expect((back!.tracking as HypothesisTracking).decision!.verdictAtDecision).toBeUndefined()
  })

  it('refuses an assumption state it does not know, naming the line', () => {
    const text = exportCanvasMarkdown(ledgerCanvas(), { now: NOW }).replace(
      '| holding |',
      '| probably |',
    )
    expect(() => importMarkdown(text)).toThrow(MarkdownImportError)
  })
})
