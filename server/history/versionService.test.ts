import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { encodeRecord, getTldrawRecords } from '../../shared/doc/layout.js'
import { createLogger } from '../logger.js'
import type { StoredVersion, VersionStore } from '../persistence/types.js'
import type { Room } from '../sync/Room.js'
import { createVersionService } from './versionService.js'
import { createSnapshotPacker, unpackSnapshot } from './versionSnapshots.js'

/** The versions of one process's boards, kept as the store was handed them. */
function memoryVersionStore() {
  const versions = new Map<string, { version: StoredVersion; snapshot: Uint8Array }>()
  const store: VersionStore = {
    putVersion(version, snapshot) {
      versions.set(version.id, { version, snapshot })
    },
    listVersions: (boardId) =>
      [...versions.values()]
        .map((v) => v.version)
        .filter((v) => v.boardId === boardId)
        .sort((a, b) => b.createdAt - a.createdAt),
    getVersionSnapshot: (boardId, id) => {
      const v = versions.get(id)
      return v?.version.boardId === boardId ? v.snapshot : undefined
    },
    deleteVersions: (_boardId, ids) => ids.filter((id) => versions.delete(id)).length,
  }
  return { store, stored: (id: string) => versions.get(id)!.snapshot }
}

/** A board of `shapes` stickies, as people draw them. */
function boardOf(shapes: number) {
  const doc = new Y.Doc()
  const records = getTldrawRecords(doc)
  doc.transact(() => {
    for (let i = 0; i < shapes; i++) {
      const id = `shape:s${i}`
      records.set(id, encodeRecord({ id, typeName: 'shape', type: 'note', x: i, y: 0, meta: {} }))
    }
  })
  return doc
}

function serviceOver(doc: Y.Doc) {
  const versions = memoryVersionStore()
  // The service reads only the room's state when it takes a version: here, encoded whole.
  const room = { doc, stateParts: () => [Y.encodeStateAsUpdate(doc)] } as Pick<
    Room,
    'doc' | 'stateParts'
  > as Room
  const service = createVersionService({
    store: versions.store,
    room: () => Promise.resolve(room),
    now: () => Date.now(),
    log: createLogger('silent'),
  })
  return { service, ...versions }
}

const recordsOf = (update: Uint8Array) => {
  const doc = new Y.Doc()
  Y.applyUpdate(doc, update)
  return getTldrawRecords(doc).toJSON()
}

describe('taking a version of a board', () => {
  it('gives back the whole board as it was, stored in a fraction of its size', async () => {
    const doc = boardOf(500)
    const { service, stored } = serviceOver(doc)
    const whole = Y.encodeStateAsUpdate(doc)
    const records = getTldrawRecords(doc).toJSON()
    const version = await service.name('board', 'Before the workshop', null)
    getTldrawRecords(doc).delete('shape:s1')

    expect(version.bytes).toBe(whole.byteLength)
    expect(stored(version.id).byteLength).toBeLessThan(whole.byteLength / 5)
    const snapshot = await service.snapshot('board', version.id)
    expect(snapshot).toEqual(whole)
    expect(recordsOf(snapshot!)).toEqual(records)
  })

  it('still opens and restores a version stored as the document itself', async () => {
    const doc = boardOf(10)
    const { service, store } = serviceOver(doc)
    const raw = Y.encodeStateAsUpdate(doc)
    await store.putVersion(
      {
        boardId: 'board',
        id: 'older-version',
        name: 'Kept uncompressed',
        createdAt: Date.now(),
        createdBy: null,
        participants: [],
        bytes: raw.byteLength,
      },
      raw,
    )
    expect(await service.snapshot('board', 'older-version')).toEqual(raw)

    getTldrawRecords(doc).delete('shape:s3')
    // This room writes straight into its document: enough for a restore to show its change.
    const room = {
      doc,
      stateParts: () => [Y.encodeStateAsUpdate(doc)],
      transact: (edit: (d: Y.Doc) => void) => Promise.resolve(edit(doc)),
    }
    const restoring = createVersionService({
      store,
      room: () => Promise.resolve(room as Pick<Room, 'doc' | 'stateParts' | 'transact'> as Room),
      now: () => Date.now(),
      log: createLogger('silent'),
    })
    const restored = await restoring.restore('board', 'older-version', { by: null, label: 'x' })
    expect(restored).toMatchObject({ records: 1 })
    expect(getTldrawRecords(doc).has('shape:s3')).toBe(true)
  })
})

describe('a version kept as the stored snapshot and the changes since', () => {
  it('opens as the one document they make together', async () => {
    const doc = boardOf(50)
    const parts = [Y.encodeStateAsUpdate(doc)]
    doc.on('update', (update: Uint8Array) => parts.push(update))
    const records = getTldrawRecords(doc)
    records.delete('shape:s1')
    records.set('shape:new', encodeRecord({ id: 'shape:new', typeName: 'shape', type: 'geo' }))
    const packed = await createSnapshotPacker()(parts)
    const opened = await unpackSnapshot(packed)
    expect(recordsOf(opened)).toEqual(records.toJSON())
    // One update, as a version's document is served.
    expect(Y.decodeUpdate(opened).structs.length).toBeGreaterThan(0)
  })

  it('opens each of several versions taken of the same parts as the document then', async () => {
    const pack = createSnapshotPacker()
    const doc = boardOf(50)
    const snapshot = Y.encodeStateAsUpdate(doc)
    const parts = [snapshot]
    doc.on('update', (update: Uint8Array) => parts.push(update))
    // The snapshot alone, then with changes: the snapshot is reused whole and then framed.
    const alone = await pack([...parts])
    const records = getTldrawRecords(doc)
    records.delete('shape:s1')
    const afterDelete = records.toJSON()
    const withChange = await pack([...parts])
    records.set('shape:new', encodeRecord({ id: 'shape:new', typeName: 'shape', type: 'geo' }))
    const withTwo = await pack([...parts])
    expect(recordsOf(await unpackSnapshot(alone))).toEqual(recordsOf(snapshot))
    expect(recordsOf(await unpackSnapshot(withChange))).toEqual(afterDelete)
    expect(recordsOf(await unpackSnapshot(withTwo))).toEqual(records.toJSON())
    // The same parts packed again are the same bytes.
    expect(await pack([...parts])).toEqual(withTwo)
  })
})

describe('reading a stored snapshot', () => {
  it('takes bytes that only start like gzip for the document they are', async () => {
    const lookalike = new Uint8Array([0x1f, 0x8b, 0x08, 1, 2, 3, 4, 5])
    expect(await unpackSnapshot(lookalike)).toEqual(lookalike)
  })
})
