import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeRecord, getTldrawRecords } from '../doc/layout.js'
import { boardLocks, type TouchedEntry } from './locks.js'
import type { Scope } from './voting.js'

const shape = (id: string, type: string, parentId = 'page:page', props: object = {}) => ({
  typeName: 'shape',
  id,
  type,
  parentId,
  props,
})

/** A page with frame f (holding frame g, holding sticky n and canvas c1) and a sticky out. */
function board() {
  const doc = new Y.Doc()
  const records = getTldrawRecords(doc)
  for (const r of [
    shape('shape:f', 'frame'),
    shape('shape:g', 'frame', 'shape:f'),
    shape('shape:n', 'note', 'shape:g'),
    shape('shape:canvas-c1', 'canvas', 'shape:g', { canvasId: 'c1' }),
    shape('shape:out', 'note'),
  ])
    records.set(r.id, encodeRecord(r))
  return doc
}

const tl = (key: string, value?: object): TouchedEntry => ({
  root: 'tldraw',
  key,
  ...(value ? { value: encodeRecord(value) } : {}),
})
const canvas = (key: string): TouchedEntry => ({ root: 'canvases', key })

const check = (locks: Scope[], entries: TouchedEntry[]) =>
  boardLocks(board(), locks).lockOfChange(entries)

const frameF: Scope = { kind: 'frame', shapeId: 'shape:f' }

describe('what a lock holds', () => {
  it('holds a locked frame, what is inside it at any depth, and canvases placed in it', () => {
    expect(check([frameF], [tl('shape:f')])).toEqual(frameF)
    expect(check([frameF], [tl('shape:n')])).toEqual(frameF)
    expect(check([frameF], [canvas('c1')])).toEqual(frameF)
    expect(check([frameF], [tl('shape:out')])).toBeNull()
  })

  it('refuses a shape moved or drawn into a locked frame', () => {
    expect(check([frameF], [tl('shape:out', shape('shape:out', 'note', 'shape:g'))])).toEqual(
      frameF,
    )
    expect(check([frameF], [tl('shape:new', shape('shape:new', 'note', 'shape:f'))])).toEqual(
      frameF,
    )
  })

  it('holds a locked canvas’s content and shape, and nothing else', () => {
    const lock: Scope = { kind: 'canvas', canvasId: 'c1' }
    expect(check([lock], [canvas('c1')])).toEqual(lock)
    expect(check([lock], [tl('shape:canvas-c1')])).toEqual(lock)
    expect(check([lock], [canvas('c2'), tl('shape:n')])).toBeNull()
  })

  it('lets any screen place a locked canvas that has no shape yet, but not into a locked frame', () => {
    const lock: Scope = { kind: 'canvas', canvasId: 'c9' }
    const placed = shape('shape:canvas-c9', 'canvas', 'page:page', { canvasId: 'c9' })
    expect(check([lock], [tl('shape:canvas-c9', placed)])).toBeNull()
    expect(check([{ kind: 'board' }], [tl('shape:canvas-c9', placed)])).toBeNull()
    const inFrame = { ...placed, parentId: 'shape:g' }
    expect(check([lock, frameF], [tl('shape:canvas-c9', inFrame)])).toEqual(frameF)
  })

  it('holds everything while the board is locked', () => {
    const lock: Scope = { kind: 'board' }
    expect(check([lock], [tl('shape:out')])).toEqual(lock)
    expect(check([lock], [canvas('c2')])).toEqual(lock)
    expect(check([lock], [{ root: 'meta', key: 'title' }])).toEqual(lock)
    expect(check([lock], [])).toBeNull()
  })
})
