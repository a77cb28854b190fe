import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  emptyCanvas,
  getBoardCanvases,
  getBoxItems,
  readCanvas,
  setBoxItems,
  writeCanvas,
} from './canvasDoc.js'

const sync = (a: Y.Doc, b: Y.Doc) => {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('canvas document layout', () => {
  it('round-trips typed content through the Y.Doc', () => {
    const doc = new Y.Doc()
    const content = emptyCanvas('lean', 'Our bet', 'canvas-1')
    content.boxes.problem = [{ id: 'item-0001', text: 'Slow onboarding' }]
    writeCanvas(doc, content)
    expect(readCanvas('canvas-1', getBoardCanvases(doc).get('canvas-1')!)).toEqual(content)
  })

  describe('when two people type into the same item at once', () => {
    it('merges their characters instead of keeping one version', () => {
      const a = new Y.Doc()
      const content = emptyCanvas('lean', 'x', 'canvas-1')
      content.boxes.problem = [{ id: 'item-0001', text: 'churn' }]
      writeCanvas(a, content)
      const b = new Y.Doc()
      sync(a, b)
      const itemText = (d: Y.Doc) =>
        getBoxItems(getBoardCanvases(d).get('canvas-1')!, 'problem').get(0).get('text') as Y.Text
      itemText(a).insert(0, 'High ')
      itemText(b).insert(5, ' rate')
      sync(a, b)
      expect(itemText(a).toString()).toBe('High churn rate')
      expect(itemText(b).toString()).toBe('High churn rate')
    })
  })

  describe('when the API replaces a box while someone types in an item it keeps', () => {
    it('keeps the typing', () => {
      const a = new Y.Doc()
      const content = emptyCanvas('lean', 'x', 'canvas-1')
      content.boxes.problem = [{ id: 'item-0001', text: 'one' }]
      writeCanvas(a, content)
      const b = new Y.Doc()
      sync(a, b)
      const canvasA = getBoardCanvases(a).get('canvas-1')!
      setBoxItems(canvasA, 'problem', [
        { id: 'item-0001', text: 'one' },
        { id: 'item-0002', text: 'two' },
      ])
      const item = getBoxItems(getBoardCanvases(b).get('canvas-1')!, 'problem').get(0)
      ;(item.get('text') as Y.Text).insert(3, '!')
      sync(a, b)
      const read = readCanvas('canvas-1', getBoardCanvases(b).get('canvas-1')!)!
      expect(read.boxes.problem!.map((i) => i.text)).toEqual(['one!', 'two'])
    })
  })

  describe('when a Machine Learning Canvas was stored with v0.4 box names', () => {
    it('opens with the v1.1 keys', () => {
      const doc = new Y.Doc()
      const canvas = new Y.Map<unknown>()
      getBoardCanvases(doc).set('old-canvas', canvas)
      canvas.set('kind', 'ml')
      canvas.set('title', 'Churn model')
      const boxes = new Y.Map<unknown>()
      canvas.set('boxes', boxes)
      const items = new Y.Array<Y.Map<unknown>>()
      const item = new Y.Map<unknown>()
      item.set('id', 'item-0001')
      item.set('text', 'Binary classification')
      items.push([item])
      boxes.set('mlTask', items)
      const read = readCanvas('old-canvas', canvas)!
      expect(read.boxes.predictionTask).toEqual([
        { id: 'item-0001', text: 'Binary classification' },
      ])
      expect(read.boxes.mlTask).toBeUndefined()
    })
  })
})
