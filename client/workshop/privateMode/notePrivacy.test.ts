import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  PageRecordType,
  type TLRecord,
} from 'tldraw'
import { describe, expect, it } from 'vitest'
import { isPrivateNewNote } from './notePrivacy'
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
