import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { emptyCanvas, readCanvas, writeCanvas } from '../../doc/canvasDoc.js'
import {
  insertAssumption,
  moveAssumption,
  readAssumptions,
  setAssumptionState,
} from './assumptionDoc.js'
import { hypothesisCanvas } from './definition.js'
import { stampLessons, readTracking } from './trackingDoc.js'

function hypothesisDoc() {
  const doc = new Y.Doc()
  const content = emptyCanvas(hypothesisCanvas.kind, 'h', 'hypothesis-1')
  let map!: Y.Map<unknown>
  doc.transact(() => (map = writeCanvas(doc, content)))
  return { doc, map }
}

describe('the assumptions of a hypothesis in the document', () => {
  it('reads a canvas written before assumptions as having none, without writing to it', () => {
    const { doc, map } = hypothesisDoc()
    map.delete('assumptions')
    map.delete('history')
    const before = Y.encodeStateAsUpdate(doc)
    expect(readAssumptions(map)).toEqual([])
    expect(readCanvas('hypothesis-1', map)).toMatchObject({ assumptions: [] })
    expect(readTracking(map).history).toEqual([])
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before)
  })

  it('keeps their rank and marks them, each change merging with others', () => {
    const { doc, map } = hypothesisDoc()
    doc.transact(() => {
      insertAssumption(map, { id: 'assume-1', text: 'Copy is read', state: 'untested' })
      insertAssumption(map, { id: 'assume-2', text: 'Price is fine', state: 'untested' })
    })
    doc.transact(() => moveAssumption(map, 'assume-2', -1))
    doc.transact(() => setAssumptionState(map, 'assume-1', 'broken'))
    // Moving the first one up does nothing.
    doc.transact(() => moveAssumption(map, 'assume-2', -1))
    expect(readAssumptions(map)).toEqual([
      { id: 'assume-2', text: 'Price is fine', state: 'untested' },
      { id: 'assume-1', text: 'Copy is read', state: 'broken' },
    ])
  })
})

describe('lessons given when a canvas is created', () => {
  it('are dated and attributed, and a lesson dated before keeps its date', () => {
    const doc = new Y.Doc()
    const content = emptyCanvas(hypothesisCanvas.kind, 'h', 'hypothesis-2')
    content.boxes.lessons = [{ id: 'lesson-001', text: 'Ask earlier' }]
    let map!: Y.Map<unknown>
    doc.transact(() => (map = writeCanvas(doc, content)))
    doc.transact(() => stampLessons(map, { at: '2026-12-01T00:00:00.000Z', by: 'API' }))
    doc.transact(() => stampLessons(map, { at: '2026-12-05T00:00:00.000Z', by: 'Later' }))
    expect(readTracking(map).lessons).toEqual([
      { id: 'lesson-001', text: 'Ask earlier', at: '2026-12-01T00:00:00.000Z', by: 'API' },
    ])
  })
})
