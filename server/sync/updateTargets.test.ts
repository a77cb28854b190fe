import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateTargets } from './updateTargets.js'

/** The update one change to a copy of `doc` makes, and the targets it names in `doc`. */
function targetsOf(doc: Y.Doc, change: (copy: Y.Doc) => void) {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const updates: Uint8Array[] = []
  copy.on('update', (u: Uint8Array) => updates.push(u))
  copy.transact(() => change(copy))
  const update = Y.mergeUpdates(updates)
  return updateTargets(doc, update)
    .map((t) => `${t.root}/${t.key ?? ''}${t.value === undefined ? '' : `=${String(t.value)}`}`)
    .sort()
}

/** A board-like document: records as JSON text, canvases as nested maps and texts. */
function board() {
  const doc = new Y.Doc()
  doc.transact(() => {
    doc.getMap('tldraw').set('shape:a', '{"id":"shape:a"}')
    doc.getMap('tldraw').set('shape:b', '{"id":"shape:b"}')
    const canvas = new Y.Map<unknown>()
    doc.getMap('canvases').set('c1', canvas)
    const title = new Y.Text('Churn')
    canvas.set('title', title)
    const items = new Y.Array<Y.Map<unknown>>()
    canvas.set('items', items)
    doc.getMap('canvases').set('c2', new Y.Map())
  })
  return doc
}

describe('the entries an update changes', () => {
  it('names a record set on a root map, with its new value', () => {
    const doc = board()
    expect(targetsOf(doc, (d) => d.getMap('tldraw').set('shape:a', 'new'))).toEqual([
      'tldraw/shape:a=new',
    ])
    expect(targetsOf(doc, (d) => d.getMap('tldraw').set('shape:z', 'z'))).toEqual([
      'tldraw/shape:z=z',
    ])
  })

  it('names a record deleted from a root map', () => {
    const doc = board()
    expect(targetsOf(doc, (d) => d.getMap('tldraw').delete('shape:b'))).toEqual(['tldraw/shape:b'])
  })

  it('names the canvas whose nested text gets typed into, at the end or in the middle', () => {
    const doc = board()
    const title = (d: Y.Doc) =>
      (d.getMap('canvases').get('c1') as Y.Map<unknown>).get('title') as Y.Text
    expect(targetsOf(doc, (d) => title(d).insert(5, '!'))).toEqual(['canvases/c1'])
    expect(targetsOf(doc, (d) => title(d).insert(2, 'x'))).toEqual(['canvases/c1'])
    expect(targetsOf(doc, (d) => title(d).delete(0, 2))).toEqual(['canvases/c1'])
  })

  it('names the canvas when new nested content is built inside it in the same update', () => {
    const doc = board()
    const change = (d: Y.Doc) => {
      const items = (d.getMap('canvases').get('c1') as Y.Map<unknown>).get('items') as Y.Array<
        Y.Map<unknown>
      >
      const item = new Y.Map<unknown>()
      items.push([item])
      item.set('text', new Y.Text('A new item'))
    }
    expect(targetsOf(doc, change)).toEqual(['canvases/c1'])
  })

  it('names every entry a change spans, once each', () => {
    const doc = board()
    const change = (d: Y.Doc) => {
      d.getMap('tldraw').set('shape:a', 'x')
      d.getMap('tldraw').set('shape:a', 'y')
      ;(d.getMap('canvases').get('c2') as Y.Map<unknown>).set('kind', 'lean')
    }
    expect(targetsOf(doc, change)).toEqual(['canvases/c2', 'tldraw/shape:a=y'])
  })

  it('names nothing for an update the document already holds', () => {
    const doc = board()
    expect(updateTargets(doc, Y.encodeStateAsUpdate(doc))).toEqual([])
  })
})
