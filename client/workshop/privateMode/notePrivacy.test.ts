import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  PageRecordType,
  toRichText,
  type TLRecord,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import { createBoardSchema } from '../../../shared/doc/boardSchema'
import { isPrivateNewNote, stampNewShapes } from './notePrivacy'
import type { PrivateScope } from './privateVisibility'

const me = 'a'.repeat(32)
const other = 'b'.repeat(32)
const page = PageRecordType.create({
  id: PageRecordType.createId('page'),
  name: 'Page',
  index: 'a1' as never,
})
const frameId = createShapeId('frame')

function storeWithFrame() {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  store.put([
    page,
    store.schema.types.shape.create({
      id: frameId,
      type: 'frame',
      parentId: page.id,
      index: 'a1' as never,
      props: { w: 100, h: 100, name: '', color: 'black' },
    }),
  ])
  return store
}

const note = (by: string, parentId: string): TLRecord =>
  ({
    id: createShapeId(`note-${by}-${parentId}`),
    typeName: 'shape',
    type: 'note',
    parentId,
    meta: { createdBy: by, createdAt: 1 },
  }) as unknown as TLRecord

const board: PrivateScope = { scope: { kind: 'board' }, since: 1000 }
const frame: PrivateScope = { scope: { kind: 'frame', shapeId: frameId }, since: 1000 }

describe('which new stickies go to my drafts', () => {
  it('mine inside a private scope, whatever time my screen stamped on them', () => {
    const store = storeWithFrame()
    expect(isPrivateNewNote(store, note(me, page.id), [board], me)).toBe(true)
    expect(isPrivateNewNote(store, note(me, frameId), [frame], me)).toBe(true)
  })

  it("not outside the private scope, not someone else's, and none once nothing is private", () => {
    const store = storeWithFrame()
    expect(isPrivateNewNote(store, note(me, page.id), [frame], me)).toBe(false)
    expect(isPrivateNewNote(store, note(other, frameId), [frame], me)).toBe(false)
    expect(isPrivateNewNote(store, note(me, frameId), [], me)).toBe(false)
  })
})

describe('a shape someone creates', () => {
  const author = { by: me, at: 1234 }
  const richText = toRichText('Hello')
  const noteProps = {
    color: 'yellow',
    labelColor: 'black',
    size: 'm',
    font: 'draw',
    fontSizeAdjustment: null,
    align: 'middle',
    verticalAlign: 'middle',
    growY: 0,
    url: '',
    richText,
    scale: 1,
    textLastEditedBy: null,
  }
  const textProps = {
    color: 'black',
    size: 'm',
    font: 'draw',
    textAlign: 'start',
    w: 100,
    richText,
    scale: 1,
    autoSize: true,
  }
  function stampingStore() {
    const store = createTLStore({ schema: createBoardSchema() })
    store.put([page])
    const stop = stampNewShapes(store, () => author)
    const shape = (type: string, id: string, props: object) =>
      store.schema.types.shape.create({
        id: createShapeId(id),
        type,
        parentId: page.id,
        index: 'a1' as never,
        props,
      } as never)
    return { store, stop, shape }
  }

  it('carries who made it and when, whatever its kind, so the export can name its author', () => {
    const { store, shape } = stampingStore()
    store.put([shape('note', 'note', noteProps), shape('text', 'text', textProps)])
    for (const id of ['note', 'text']) {
      expect(store.get(createShapeId(id))?.meta).toEqual({ createdBy: me, createdAt: 1234 })
    }
  })

  it('keeps the author a shape arrived with from another screen, and leaves canvases alone', () => {
    const { store, shape } = stampingStore()
    const theirs = {
      ...shape('note', 'theirs', noteProps),
      meta: { createdBy: other, createdAt: 5 },
    }
    store.mergeRemoteChanges(() => store.put([theirs]))
    const canvas = shape('canvas', 'canvas-c1', { canvasId: 'c1', kind: 'lean', w: 10, h: 10 })
    store.put([canvas])
    expect(store.get(theirs.id)?.meta).toEqual({ createdBy: other, createdAt: 5 })
    expect(store.get(canvas.id)?.meta).toEqual({})
  })

  it('is not stamped once stamping stops', () => {
    const { store, stop, shape } = stampingStore()
    stop()
    store.put([shape('note', 'later', noteProps)])
    expect(store.get(createShapeId('later'))?.meta).toEqual({})
  })
})
