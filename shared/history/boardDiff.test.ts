import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import type { Metric } from '../canvases/hypothesis/metric.js'
import { appendMeasurements, setStatus } from '../canvases/hypothesis/trackingDoc.js'
import type { Step } from '../canvases/vsm/step.js'
import { applyCanvasContent, emptyCanvas, getBoardCanvases, writeCanvas } from '../doc/canvasDoc.js'
import type { CanvasContent } from '../canvases/schema.js'
import { encodeRecord, getTldrawRecords } from '../doc/layout.js'
import { diffBoards, diffMarkdown, diffSideOf } from './boardDiff.js'

/** A copy of a board document, to change while the original stays the earlier state. */
const copy = (doc: Y.Doc) => {
  const next = new Y.Doc()
  Y.applyUpdate(next, Y.encodeStateAsUpdate(doc))
  return next
}

const diff = (before: Y.Doc, after: Y.Doc) =>
  diffBoards(diffSideOf(before), diffSideOf(after), { now: Date.parse('2025-03-01T00:00:00Z') })

const board = (...contents: CanvasContent[]) => {
  const doc = new Y.Doc()
  doc.transact(() => contents.forEach((c) => writeCanvas(doc, c)))
  return doc
}

const canvasMap = (doc: Y.Doc, id: string) => getBoardCanvases(doc).get(id)!

const shape = (id: string, props: Record<string, unknown>, at: Partial<Record<string, unknown>>) =>
  encodeRecord({
    typeName: 'shape',
    id,
    type: 'note',
    parentId: 'page:page',
    x: 0,
    y: 0,
    rotation: 0,
    props,
    ...at,
  })

const paragraph = (text: string) => ({
  type: 'doc',
  content: [{ type: 'paragraph', content: [{ type: 'text', text }] }],
})

describe('the diff of a Lean Canvas', () => {
  it('names each added, edited and removed item with its id, box and text', () => {
    const lean = {
      ...emptyCanvas('lean', 'Churn', 'leanCanvas1'),
      boxes: {
        problem: [
          { id: 'item01', text: 'Users forget' },
          { id: 'item02', text: 'Too pricey' },
        ],
      },
    } as CanvasContent
    const before = board(lean)
    const after = copy(before)
    applyCanvasContent(canvasMap(after, 'leanCanvas1'), {
      boxes: {
        problem: [
          { id: 'item01', text: 'Users forget to renew' },
          { id: 'item03', text: 'Slow support' },
        ],
      },
    })
    const [canvas] = diff(before, after).canvases
    expect(canvas!.entries).toEqual([
      {
        text: 'Problem: edited “Users forget” → “Users forget to renew”',
        change: 'changed',
        part: { kind: 'item', box: 'problem', id: 'item01', text: 'Users forget to renew' },
      },
      {
        text: 'Problem: added “Slow support”',
        change: 'added',
        part: { kind: 'item', box: 'problem', id: 'item03', text: 'Slow support' },
      },
      {
        text: 'Problem: removed “Too pricey”',
        change: 'removed',
        part: { kind: 'item', box: 'problem', id: 'item02', text: 'Too pricey' },
      },
    ])
    // The words are the same lines the markdown lists.
    expect(canvas!.lines).toEqual(canvas!.entries.map((e) => e.text))
  })
})

const metric = (over: Partial<Metric> = {}): Metric => ({
  id: 'metric01',
  key: 'conversion',
  name: 'Conversion',
  kind: 'success',
  unit: '%',
  direction: 'increase',
  baseline: { value: 2, at: null, source: null },
  target: { value: 3 },
  tolerance: null,
  ...over,
})

describe('the diff of a hypothesis', () => {
  it('marks a changed metric by its id, a new status and a verdict that follows from a measurement', () => {
    const hypothesis = {
      ...emptyCanvas('hypothesis', 'Reminders', 'hypothesis1'),
      metrics: [metric({ target: { value: 3 } })],
    } as CanvasContent
    const before = board(hypothesis)
    const after = copy(before)
    const map = canvasMap(after, 'hypothesis1')
    applyCanvasContent(map, {
      metrics: [metric({ target: { value: 4 } })],
    } as Partial<CanvasContent>)
    setStatus(map, 'running')
    appendMeasurements(map, [
      {
        id: 'measure1',
        metric: 'conversion',
        value: 5,
        at: '2025-02-01T00:00:00.000Z',
        source: null,
        baseline: false,
        recordedAt: '2025-02-01T00:00:00.000Z',
        by: 'Ann',
      },
    ])
    const entries = diff(before, after).canvases[0]!.entries
    expect(entries).toContainEqual({
      text: 'Metric “Conversion”: target 3 → 4',
      change: 'changed',
      part: { kind: 'entry', list: 'metrics', id: 'metric01', name: '“Conversion”' },
    })
    expect(entries).toContainEqual(
      expect.objectContaining({
        text: 'Status: draft → running',
        part: { kind: 'value', key: 'status' },
      }),
    )
    expect(entries).toContainEqual(
      expect.objectContaining({
        change: 'added',
        part: expect.objectContaining({ list: 'measurements', id: 'measure1' }),
      }),
    )
    expect(entries).toContainEqual({
      text: 'Verdict: pending → supported',
      change: 'changed',
      part: { kind: 'value', key: 'verdict' },
    })
  })
})

const step = (over: Partial<Step>): Step => ({
  id: 'step0001',
  name: 'Review',
  owner: '',
  processMinutes: 60,
  leadMinutes: 480,
  completeAccuratePct: 100,
  classification: 'value-adding',
  wastes: [],
  ...over,
})

describe('the diff of a value-stream map', () => {
  it('says which step changed and the figures before and after', () => {
    const vsm = {
      ...emptyCanvas('vsm', 'Onboarding', 'valueStream1'),
      current: [step({})],
    } as CanvasContent
    const before = board(vsm)
    const after = copy(before)
    applyCanvasContent(canvasMap(after, 'valueStream1'), {
      current: [step({ leadMinutes: 120 })],
    } as Partial<CanvasContent>)
    const { entries } = diff(before, after).canvases[0]!
    expect(entries.map((e) => e.text)).toEqual([
      'Current step “Review”: lead minutes 480 → 120',
      'Current total lead time: 8 h → 2 h',
      'Current activity ratio: 12.5 % → 50.0 %',
    ])
    expect(entries[0]!.part).toEqual({
      kind: 'entry',
      list: 'current',
      id: 'step0001',
      name: '“Review”',
    })
  })
})

describe('the diff of what people drew', () => {
  it('keeps a removed shape’s record and where it was on the page, inside its frame', () => {
    const before = new Y.Doc()
    const records = getTldrawRecords(before)
    records.set(
      'shape:frame',
      shape('shape:frame', { w: 400, h: 300 }, { type: 'frame', x: 100, y: 50 }),
    )
    records.set(
      'shape:gone',
      shape(
        'shape:gone',
        { richText: paragraph('Call them') },
        { parentId: 'shape:frame', x: 10, y: 20 },
      ),
    )
    records.set('shape:moved', shape('shape:moved', { richText: paragraph('Ask') }, { x: 0, y: 0 }))
    const after = copy(before)
    getTldrawRecords(after).delete('shape:gone')
    getTldrawRecords(after).set(
      'shape:moved',
      shape('shape:moved', { richText: paragraph('Ask') }, { x: 300, y: 0 }),
    )
    getTldrawRecords(after).set('shape:new', shape('shape:new', {}, {}))
    const { shapes } = diff(before, after)
    expect(shapes.map((s) => [s.change, s.id, s.label])).toEqual([
      ['added', 'shape:new', 'a note'],
      ['moved', 'shape:moved', '“Ask”'],
      ['removed', 'shape:gone', '“Call them”'],
    ])
    const gone = shapes.find((s) => s.id === 'shape:gone')!
    expect(gone.before!.page).toEqual({ x: 110, y: 70, rotation: 0 })
    expect(gone.before!.record).toMatchObject({
      type: 'note',
      props: { richText: paragraph('Call them') },
    })
    expect(shapes.find((s) => s.id === 'shape:moved')!.before!.page).toMatchObject({ x: 0, y: 0 })
    expect(shapes.find((s) => s.id === 'shape:new')!.before).toBeUndefined()
  })

  it('writes nothing changed when the two states are the same', () => {
    const doc = board(emptyCanvas('lean', 'Churn', 'leanCanvas1'))
    const same = diff(doc, copy(doc))
    expect(same).toEqual({ canvases: [], shapes: [] })
    expect(diffMarkdown('Board', 'Monday', 'now', same)).toContain('_Nothing changed._')
  })
})
