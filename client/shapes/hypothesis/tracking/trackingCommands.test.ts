import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import {
  emptyCanvas,
  getBoardCanvases,
  readCanvas,
  writeCanvas,
} from '../../../../shared/doc/canvasDoc'
import { readTracking } from '../../../../shared/canvases/hypothesis/trackingDoc'
import { LocalOrigin } from '../../../../shared/doc/layout'
import {
  addLesson,
  changeCriteria,
  decideHypothesis,
  moveHypothesis,
  recordMeasurements,
  setTimeboxDays,
} from './trackingCommands'

const now = Date.parse('2026-03-02T09:00:00Z')
const DAY = 24 * 60 * 60 * 1000

const conversion: Metric = {
  id: 'metric-conv',
  key: 'conversion',
  name: 'Checkout conversion',
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: 4, at: null, source: null },
  target: { value: null },
  tolerance: null,
}

function board(metrics: Metric[] = [conversion]) {
  const doc = new Y.Doc()
  const content = emptyCanvas('hypothesis', 'One-page checkout')
  content.metrics = metrics
  content.boxes.problem = [{ id: 'problem1', text: 'Checkout drops buyers' }]
  content.boxes.customers = [{ id: 'customer1', text: 'First-time buyers' }]
  doc.transact(() => writeCanvas(doc, content))
  const map = () => getBoardCanvases(doc).get(content.id)!
  return { doc, id: content.id, map, tracking: () => readTracking(map()) }
}

const withTarget = { ...conversion, target: { value: 5 } }

describe('moving a hypothesis on the canvas', () => {
  it('refuses to start while a success criterion lacks a target, naming it, and writes nothing', () => {
    const { doc, id, tracking } = board()
    const result = moveHypothesis(doc, id, 'running', now)
    expect(result).toEqual({ ok: false, message: expect.stringContaining('conversion lacks one') })
    expect(tracking().status).toBe('draft')
  })

  it('starts with the agreed time box, fixed from then on', () => {
    const { doc, id, tracking } = board([withTarget])
    expect(setTimeboxDays(doc, id, 14)).toEqual({ ok: true })
    expect(moveHypothesis(doc, id, 'running', now)).toEqual({ ok: true })
    expect(tracking().status).toBe('running')
    expect(tracking().timebox).toEqual({
      start: new Date(now).toISOString(),
      end: new Date(now + 14 * DAY).toISOString(),
      days: 14,
    })
    expect(setTimeboxDays(doc, id, 3)).toMatchObject({ ok: false })
  })

  it('leaves closing to a decision', () => {
    const { doc, id } = board([withTarget])
    moveHypothesis(doc, id, 'running', now)
    expect(moveHypothesis(doc, id, 'decided', now)).toMatchObject({ ok: false })
  })
})

describe('recording measurements on the canvas', () => {
  it('takes only baseline readings before the hypothesis runs', () => {
    const { doc, id, tracking } = board([withTarget])
    const row = { metric: 'conversion', value: 4.1 }
    const by = { by: 'Ann', now }
    expect(recordMeasurements(doc, id, [row], { ...by, baseline: false })).toMatchObject({
      ok: false,
      message: expect.stringContaining('not running'),
    })
    expect(recordMeasurements(doc, id, [row], { ...by, baseline: true })).toMatchObject({
      ok: true,
      recorded: 1,
    })
    expect(tracking().measurements).toMatchObject([{ value: 4.1, baseline: true, by: 'Ann' }])
  })

  it('records a repeated id once', () => {
    const { doc, id, tracking } = board([withTarget])
    moveHypothesis(doc, id, 'running', now)
    const row = { metric: 'conversion', value: 5.2, id: 'run-1' }
    const context = { by: 'Ann', now, baseline: false }
    recordMeasurements(doc, id, [row], context)
    expect(recordMeasurements(doc, id, [row, row], context)).toMatchObject({ duplicates: 2 })
    expect(tracking().measurements).toHaveLength(1)
  })

  it('refuses more rows than the API takes at once and writes nothing', () => {
    const { doc, id, tracking } = board([withTarget])
    moveHypothesis(doc, id, 'running', now)
    const rows = Array.from({ length: 10_001 }, (_, i) => ({ metric: 'conversion', value: i }))
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    expect(recordMeasurements(doc, id, rows, { by: 'Ann', now, baseline: false })).toEqual({
      ok: false,
      message: expect.stringMatching(/^10,001 rows to record; at most 10,000 can be recorded/),
    })
    expect(updates).toEqual([])
    expect(tracking().measurements).toEqual([])
  })

  it('refuses rows that together are larger than the API takes at once', () => {
    const { doc, id, tracking } = board([withTarget])
    moveHypothesis(doc, id, 'running', now)
    const source = 'x'.repeat(200)
    const rows = Array.from({ length: 9_000 }, (_, i) => ({
      metric: 'conversion',
      value: i,
      source,
      id: `row-${i}`.padEnd(128, '-'),
    }))
    expect(recordMeasurements(doc, id, rows, { by: 'Ann', now, baseline: false })).toEqual({
      ok: false,
      message: expect.stringMatching(/^3\.\d MB of measurements to record; at most 2 MB/),
    })
    expect(tracking().measurements).toEqual([])
  })
})

describe('changing locked criteria', () => {
  it('changes freely before the start and records nothing', () => {
    const { doc, id, tracking, map } = board()
    expect(changeCriteria(doc, id, [withTarget], { reason: '', by: 'Ann', now })).toEqual({
      ok: true,
      amended: 0,
    })
    expect(readCanvas(id, map())!.metrics![0]!.target.value).toBe(5)
    expect(tracking().amendments).toEqual([])
  })

  it('asks for a reason once running, then keeps a dated, attributed amendment', () => {
    const { doc, id, tracking, map } = board([withTarget])
    moveHypothesis(doc, id, 'running', now)
    const raised = { ...withTarget, target: { value: 6 } }
    expect(changeCriteria(doc, id, [raised], { reason: ' ', by: 'Ann', now })).toMatchObject({
      ok: false,
    })
    expect(readCanvas(id, map())!.metrics![0]!.target.value).toBe(5)
    const reason = 'Finance wants 6 %'
    expect(changeCriteria(doc, id, [raised], { reason, by: 'Ann', now })).toEqual({
      ok: true,
      amended: 1,
    })
    expect(tracking().amendments).toMatchObject([
      { metric: 'conversion', by: 'Ann', reason, before: { target: { value: 5 } } },
    ])
    expect(readCanvas(id, map())!.metrics![0]!.target.value).toBe(6)
  })
})

describe('deciding', () => {
  it('refuses before the hypothesis has run', () => {
    const { doc, id } = board([withTarget])
    const decision = { decision: 'stop' as const, rationale: '', by: 'Ann', now }
    expect(decideHypothesis(doc, id, decision)).toMatchObject({ ok: false })
  })

  it('pivots to a linked successor that carries the problem and customers', () => {
    const { doc, id, tracking } = board([withTarget])
    moveHypothesis(doc, id, 'running', now)
    const decision = { decision: 'pivot' as const, rationale: 'Wrong segment', by: 'Ann', now }
    const result = decideHypothesis(doc, id, decision)
    if (!result.ok || !result.successorId) throw new Error('expected a successor')
    expect(tracking()).toMatchObject({
      status: 'decided',
      successor: result.successorId,
      decision: { decision: 'pivot', rationale: 'Wrong segment', by: 'Ann' },
    })
    const successorMap = getBoardCanvases(doc).get(result.successorId)!
    const successor = readCanvas(result.successorId, successorMap)!
    expect(successor.title).toBe('One-page checkout (pivot)')
    expect(successor.boxes.problem!.map((i) => i.text)).toEqual(['Checkout drops buyers'])
    expect(successor.boxes.customers!.map((i) => i.text)).toEqual(['First-time buyers'])
    expect(readTracking(successorMap).predecessor).toBe(id)
    expect(decideHypothesis(doc, id, decision)).toMatchObject({ ok: false })
  })
})

describe('the lessons log', () => {
  it('appends dated, attributed lessons and ignores empty ones', () => {
    const { doc, id, tracking } = board()
    expect(addLesson(doc, id, { text: '  ', by: 'Ann', now })).toMatchObject({ ok: false })
    addLesson(doc, id, { text: 'Ask buyers first', by: 'Ann', now })
    expect(tracking().lessons).toMatchObject([
      { text: 'Ask buyers first', by: 'Ann', at: new Date(now).toISOString() },
    ])
  })
})

describe('undo in a canvas, which tracks local edits', () => {
  const undoFor = (map: Y.Map<unknown>) =>
    new Y.UndoManager(map, { trackedOrigins: new Set([LocalOrigin]) })

  it('cannot take back a step, a measurement, an amendment, a lesson or a decision', () => {
    const { doc, id, map, tracking } = board([withTarget])
    const undo = undoFor(map())
    const by = { by: 'Ann', now }
    moveHypothesis(doc, id, 'running', now)
    recordMeasurements(doc, id, [{ metric: 'conversion', value: 5.1 }], { ...by, baseline: false })
    const raised = { ...withTarget, target: { value: 6 } }
    changeCriteria(doc, id, [raised], { ...by, reason: 'Finance wants 6 %' })
    addLesson(doc, id, { ...by, text: 'Ask buyers first' })
    decideHypothesis(doc, id, { ...by, decision: 'stop', rationale: '' })
    while (undo.canUndo()) undo.undo()
    expect(tracking()).toMatchObject({
      status: 'decided',
      measurements: [{ value: 5.1 }],
      amendments: [{ metric: 'conversion' }],
      lessons: [{ text: 'Ask buyers first' }],
      decision: { decision: 'stop' },
    })
  })

  it('takes back criteria drafted before the start', () => {
    const { doc, id, map } = board()
    const undo = undoFor(map())
    changeCriteria(doc, id, [withTarget], { reason: '', by: 'Ann', now })
    undo.undo()
    expect(readCanvas(id, map())!.metrics![0]!.target.value).toBeNull()
  })
})
