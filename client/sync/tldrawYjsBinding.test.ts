import {
  createShapeId,
  createTLStore,
  defaultBindingUtils,
  defaultShapeUtils,
  getIndexAbove,
  ZERO_INDEX_KEY,
  type TLRecord,
  type TLShapeId,
  type TLStore,
} from 'tldraw'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { decodeRecord, getTldrawRecords, LocalOrigin, RemoteOrigin } from '../../shared/doc/layout'
import { seedBoard } from './seedBoard'
import { bindTldrawStoreToYMap } from './tldrawYjsBinding'

// Make the store batch changes until the next frame, as in a browser, with frames that never
// come: listeners then run only when a test flushes, so edits can be caught mid-batch.
Object.assign(globalThis, {
  __FORCE_RAF_IN_TESTS__: true,
  requestAnimationFrame: () => 0,
  cancelAnimationFrame: () => undefined,
})

interface Peer {
  doc: Y.Doc
  store: TLStore
  records: Y.Map<unknown>
  unbind: () => void
}

const cleanups: (() => void)[] = []
afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()))

function peer(doc = new Y.Doc()): Peer {
  const store = createTLStore({ shapeUtils: defaultShapeUtils, bindingUtils: defaultBindingUtils })
  const records = getTldrawRecords(doc)
  const unbind = bindTldrawStoreToYMap(store, doc, records)
  cleanups.push(unbind)
  return { doc, store, records, unbind }
}

/** An in-memory transport: every update of one doc is applied to the other, tagged remote. */
function connect(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a), RemoteOrigin)
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b), RemoteOrigin)
  a.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== RemoteOrigin) Y.applyUpdate(b, update, RemoteOrigin)
  })
  b.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin !== RemoteOrigin) Y.applyUpdate(a, update, RemoteOrigin)
  })
}

/** A seeded board, open on two connected peers. */
function twoPeers(): [Peer, Peer] {
  const first = new Y.Doc()
  seedBoard(first)
  const second = new Y.Doc()
  connect(first, second)
  return [peer(first), peer(second)]
}

const boxId = createShapeId('box')

/** A complete shape record (a group: the shape with the fewest props to fill in). */
function shapeRecord(store: TLStore, id: TLShapeId, x: number): TLRecord {
  const page = store.query.records('page').get()[0]
  if (!page) throw new Error('no page')
  return store.schema.types.shape.create({
    id,
    type: 'group',
    parentId: page.id,
    index: getIndexAbove(ZERO_INDEX_KEY),
    x,
    y: 0,
    props: {},
  })
}

/** Puts the box as a user edit and flushes, as the browser does once a frame. */
function drawBox(store: TLStore, x = 0): void {
  store.put([shapeRecord(store, boxId, x)])
  store._flushHistory()
}

function boxX(source: TLStore | Y.Map<unknown>): unknown {
  const record: unknown =
    source instanceof Y.Map ? decodeRecord(source.get(boxId)) : source.get(boxId)
  return typeof record === 'object' && record !== null && 'x' in record ? record.x : undefined
}

describe('when a board is bound to a store', () => {
  it('loads the records already in the doc', () => {
    const doc = new Y.Doc()
    seedBoard(doc)
    const { store } = peer(doc)
    expect(store.has('document:document' as never)).toBe(true)
    expect(
      store.query
        .records('page')
        .get()
        .map((page) => page.name),
    ).toEqual(['Page 1'])
  })
})

describe('when records are stored', () => {
  it('writes each as JSON text, which Yjs encodes far faster than a nested object', () => {
    const [alice] = twoPeers()
    drawBox(alice.store, 3)
    const stored = alice.records.get(boxId)
    expect(typeof stored).toBe('string')
    expect(JSON.parse(stored as string)).toMatchObject({ id: boxId, x: 3 })
  })

  it('still opens a board written when records were stored as objects', () => {
    const [alice] = twoPeers()
    const doc = new Y.Doc()
    seedBoard(doc)
    const legacy = shapeRecord(alice.store, boxId, 9)
    doc.transact(() => getTldrawRecords(doc).set(boxId, legacy), RemoteOrigin)
    expect(boxX(peer(doc).store)).toBe(9)
  })
})

describe('when one person draws', () => {
  it('shows the shape to the other', () => {
    const [alice, bob] = twoPeers()
    drawBox(alice.store, 42)
    expect(boxX(bob.store)).toBe(42)
  })

  it('applies it on the other side as a remote change, which is not echoed back', () => {
    const [alice, bob] = twoPeers()
    const bobLocalWrites: unknown[] = []
    bob.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      if (origin === LocalOrigin) bobLocalWrites.push(origin)
    })
    const bobSources: string[] = []
    cleanups.push(bob.store.listen((entry) => bobSources.push(entry.source), { scope: 'document' }))

    drawBox(alice.store)
    bob.store._flushHistory()

    expect(bobSources).toEqual(['remote'])
    expect(bobLocalWrites).toEqual([])
  })

  it('removes the shape for the other when it is deleted', () => {
    const [alice, bob] = twoPeers()
    drawBox(alice.store)
    alice.store.remove([boxId])
    alice.store._flushHistory()
    expect(bob.store.has(boxId)).toBe(false)
    expect(bob.records.has(boxId)).toBe(false)
  })
})

describe('when a remote change lands between an edit and its flush', () => {
  it('converges on one value instead of overwriting it with the stale edit', () => {
    const [alice, bob] = twoPeers()
    drawBox(alice.store, 0)

    const box = alice.store.get(boxId)!
    alice.store.put([{ ...box, x: 10 }]) // not flushed yet
    drawBox(bob.store, 20) // Bob's move arrives first
    alice.store._flushHistory()

    const values = [boxX(alice.store), boxX(bob.store), boxX(alice.records), boxX(bob.records)]
    expect(new Set(values).size).toBe(1)
  })
})

describe('when a peer writes records this client cannot accept', () => {
  it('skips them, says so in the console, and applies the rest', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    cleanups.push(() => warn.mockRestore())
    const [alice, bob] = twoPeers()
    const good = shapeRecord(alice.store, createShapeId('good'), 0)
    alice.doc.transact(() => {
      alice.records.set(good.id, good)
      alice.records.set('shape:bad', { ...good, id: 'shape:bad', x: 'left' })
      alice.records.set('shape:mismatch', { ...good, id: 'shape:other' })
      // Session records (camera, selection…) are per-person and never taken from the board.
      const camera = { id: 'camera:page:page', typeName: 'camera', x: 999, y: 0, z: 1, meta: {} }
      alice.records.set(camera.id, camera)
      alice.records.set('widget:x', { id: 'widget:x', typeName: 'widget' })
    }) // a raw write, as a modified client could make

    expect(bob.store.has(good.id)).toBe(true)
    expect(bob.store.has('shape:bad' as never)).toBe(false)
    expect(bob.store.has('shape:mismatch' as never)).toBe(false)
    expect(bob.store.has('shape:other' as never)).toBe(false)
    expect(bob.store.get('camera:page:page' as never)).not.toMatchObject({ x: 999 })
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('shape:bad'), expect.anything())
  })
})

describe('after unbinding', () => {
  it('neither sends nor receives', () => {
    const [alice, bob] = twoPeers()
    bob.unbind()
    drawBox(alice.store, 5)
    expect(bob.store.has(boxId)).toBe(false)
    drawBox(bob.store, 7)
    expect(boxX(alice.store)).toBe(5)
  })
})

describe('when a person adds something private', () => {
  /** Alice with her drafts next to the board, and Bob on the board alone. */
  function withDrafts() {
    const board = new Y.Doc()
    seedBoard(board)
    const bobDoc = new Y.Doc()
    connect(board, bobDoc)
    const bob = peer(bobDoc)
    const drafts = new Y.Doc()
    const draftRecords = getTldrawRecords(drafts)
    const store = createTLStore({
      shapeUtils: defaultShapeUtils,
      bindingUtils: defaultBindingUtils,
    })
    let privateNow = true
    cleanups.push(
      bindTldrawStoreToYMap(store, board, getTldrawRecords(board), {
        doc: drafts,
        records: draftRecords,
        isPrivate: () => privateNow,
      }),
    )
    const endPrivate = () => (privateNow = false)
    return { board, store, drafts, draftRecords, bob, endPrivate }
  }

  it('writes it and its later edits to the drafts only', () => {
    const { board, store, draftRecords, bob, endPrivate } = withDrafts()
    drawBox(store, 1)
    endPrivate()
    drawBox(store, 2)
    expect(boxX(draftRecords)).toBe(2)
    expect(getTldrawRecords(board).has(boxId)).toBe(false)
    expect(boxX(bob.store)).toBeUndefined()
  })

  it('keeps showing it, once, when the board takes it over and the drafts let it go', () => {
    const { board, store, drafts, draftRecords, bob } = withDrafts()
    drawBox(store, 5)
    const removals: unknown[] = []
    cleanups.push(store.listen(({ changes }) => removals.push(...Object.keys(changes.removed))))
    // What the server does at the end of private mode: the board first, then the drafts.
    const server = { kind: 'server', reason: 'reveal' }
    board.transact(() => getTldrawRecords(board).set(boxId, draftRecords.get(boxId)), server)
    drafts.transact(() => draftRecords.delete(boxId), server)
    expect(boxX(store)).toBe(5)
    expect(boxX(bob.store)).toBe(5)
    expect(removals).toEqual([])
    // From now on its edits go to the board.
    drawBox(store, 6)
    expect(boxX(bob.store)).toBe(6)
    expect(draftRecords.has(boxId)).toBe(false)
  })
})
