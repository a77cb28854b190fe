import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, writeCanvas } from '../doc/canvasDoc.js'
import { encodeRecord, getTldrawRecords } from '../doc/layout.js'
import { votableItems } from './votableItems.js'

const note = (id: string, parentId: string, text: string) => ({
  id,
  typeName: 'shape',
  type: 'note',
  parentId,
  props: {
    richText: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] },
  },
})

function board() {
  const doc = new Y.Doc()
  const lean = emptyCanvas('lean', 'Churn', 'canvasLean01')
  lean.boxes.problem = [{ id: 'itemProblem1', text: 'Users forget to renew' }]
  lean.boxes.solution = [{ id: 'itemSolution', text: 'Renewal reminders' }]
  const other = emptyCanvas('lean', 'Other', 'canvasOther1')
  other.boxes.problem = [{ id: 'itemOther001', text: 'Elsewhere' }]
  doc.transact(() => {
    writeCanvas(doc, lean)
    writeCanvas(doc, other)
    const records = getTldrawRecords(doc)
    records.set(
      'shape:frame1',
      encodeRecord({
        id: 'shape:frame1',
        typeName: 'shape',
        type: 'frame',
        parentId: 'page:page',
        props: {},
      }),
    )
    records.set(
      'shape:canvasInFrame',
      encodeRecord({
        id: 'shape:canvasInFrame',
        typeName: 'shape',
        type: 'canvas',
        parentId: 'shape:frame1',
        props: { canvasId: 'canvasLean01' },
      }),
    )
    records.set('shape:n1', encodeRecord(note('shape:n1', 'shape:frame1', 'Idea inside')))
    // A record stored before records were text.
    records.set('shape:n2', note('shape:n2', 'page:page', 'Idea outside'))
  })
  return doc
}

describe('the items a vote covers', () => {
  it('on a canvas: its items, box by box in the method order', () => {
    expect(votableItems(board(), { kind: 'canvas', canvasId: 'canvasLean01' })).toEqual([
      { id: 'itemProblem1', label: 'Users forget to renew', place: 'Churn · Problem' },
      { id: 'itemSolution', label: 'Renewal reminders', place: 'Churn · Solution' },
    ])
  })

  it('in a frame: the notes and the canvases inside it, nothing outside', () => {
    const ids = votableItems(board(), { kind: 'frame', shapeId: 'shape:frame1' }).map((i) => i.id)
    expect(ids).toEqual(['itemProblem1', 'itemSolution', 'shape:n1'])
  })

  it('on the whole board: every canvas item and every sticky note, with its text', () => {
    const items = votableItems(board(), { kind: 'board' })
    expect(items.map((i) => i.id)).toEqual([
      'itemProblem1',
      'itemSolution',
      'itemOther001',
      'shape:n1',
      'shape:n2',
    ])
    expect(items.at(-1)).toEqual({ id: 'shape:n2', label: 'Idea outside', place: 'Sticky note' })
  })
})
