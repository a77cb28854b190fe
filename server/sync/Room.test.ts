import * as decoding from 'lib0/decoding'
import { describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { MessageType, SyncMessageType } from '../../shared/protocol/messages.js'
import { createLogger } from '../logger.js'
import type { DocumentStore } from '../persistence/types.js'
import { createStorageHealth } from '../persistence/storageHealth.js'
import { StorageUnavailableError } from '../persistence/storageErrors.js'
import { Connection, type Permission } from './Connection.js'
import {
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncMessage,
} from './messageCodec.js'
import { Room } from './Room.js'
import { createLocalBus, type RoomBus } from './RoomBus.js'
import type { RoomBusMessage } from '../../shared/protocol/bus.js'

type TestStore = DocumentStore & { probeWrite(now: number, bytes?: number): unknown }

const roomDeps = (store: TestStore, maxDocumentBytes = 1_000_000) => {
  const log = createLogger('silent')
  return {
    store,
    health: createStorageHealth(log, () => 0),
    bus: createLocalBus(),
    log,
    now: () => 0,
    limits: { maxDocumentBytes, maxAwarenessStateBytes: 16_000, compactAfterUpdates: 1000 },
  }
}

/** An in-memory document store that records the order of events. */
function memoryStore(events: string[] = []) {
  const updates: Uint8Array[] = []
  const store: TestStore = {
    loadDocument: () => ({ updates: [...updates], lastSeq: updates.length, bytes: 0 }),
    appendUpdate: (_id, update) => {
      events.push('stored')
      updates.push(update)
      return updates.length
    },
    compactDocument: (_id, snapshot) => {
      updates.splice(0, updates.length, snapshot)
    },
    probeWrite: () => {},
  }
  return { store, updates, events }
}

function fakeSocket(events: string[] = []) {
  const sent: Uint8Array[] = []
  const closes: { code: number; reason: string }[] = []
  return {
    sent,
    closes,
    socket: {
      send: (data: Uint8Array) => {
        events.push('sent')
        sent.push(data)
      },
      close: (code: number, reason: string) => closes.push({ code, reason }),
    },
  }
}

async function makeRoom(store: TestStore) {
  const room = new Room('board', roomDeps(store))
  await room.load()
  return room
}

/**
 * The buses of two instances, joined by hand: what one publishes waits until `deliver` hands it
 * to the other's room, so a test decides what arrives before what.
 */
function joinedBuses() {
  const listeners = [new Map<string, (m: RoomBusMessage) => void>(), new Map()]
  const held: { to: number; roomId: string; message: RoomBusMessage }[] = []
  const bus = (self: 0 | 1): RoomBus => ({
    ...createLocalBus(),
    subscribe: (roomId, onMessage) => {
      listeners[self]!.set(roomId, onMessage)
      return Promise.resolve(() => listeners[self]!.delete(roomId))
    },
    publish: (roomId, message) => held.push({ to: 1 - self, roomId, message }),
  })
  return {
    buses: [bus(0), bus(1)] as const,
    deliver() {
      for (const { to, roomId, message } of held.splice(0)) listeners[to]!.get(roomId)?.(message)
    },
  }
}

let nextId = 1
function join(room: Room, permission: Permission = 'write', events?: string[]) {
  const s = fakeSocket(events)
  const conn = new Connection(nextId++, s.socket, permission)
  room.addConnection(conn)
  s.sent.length = 0
  return { conn, ...s }
}

function updateFrame(fn: (doc: Y.Doc) => void, base?: Y.Doc) {
  const doc = base ?? new Y.Doc()
  let update: Uint8Array = new Uint8Array()
  doc.once('update', (u: Uint8Array) => (update = u))
  fn(doc)
  return encodeSyncMessage(SyncMessageType.Update, update)
}

const flushTurn = () => new Promise((resolve) => setImmediate(resolve))

function syncUpdates(frames: Uint8Array[]) {
  return frames
    .map((f) => decoding.createDecoder(f))
    .filter((d) => decoding.readVarUint(d) === MessageType.Sync)
    .filter((d) => decoding.readVarUint(d) === SyncMessageType.Update)
    .map((d) => decoding.readVarUint8Array(d))
}

describe('Room', () => {
  describe('when a writer sends several updates in one event-loop turn', () => {
    it('sends each other client the first at once, the rest in one merged message, and echoes nothing to the writer', async () => {
      const room = await makeRoom(memoryStore().store)
      const writer = join(room)
      const reader = join(room)
      const source = new Y.Doc()
      for (let i = 0; i < 5; i++) {
        room.receive(
          writer.conn,
          updateFrame((d) => d.getMap('tldraw').set(`k${i}`, i), source),
        )
      }
      // The first is on its way before the turn ends.
      expect(syncUpdates(reader.sent)).toHaveLength(1)
      await flushTurn()
      expect(syncUpdates(writer.sent)).toHaveLength(0)
      const received = syncUpdates(reader.sent)
      expect(received).toHaveLength(2)
      const check = new Y.Doc()
      Y.applyUpdate(check, received[0]!)
      expect(check.getMap('tldraw').size).toBe(1)
      Y.applyUpdate(check, received[1]!)
      expect(check.getMap('tldraw').size).toBe(5)
    })
  })

  describe('when an update is accepted', () => {
    it('stores it before broadcasting it', async () => {
      const events: string[] = []
      const room = await makeRoom(memoryStore(events).store)
      const writer = join(room)
      join(room, 'write', events)
      events.length = 0
      room.receive(
        writer.conn,
        updateFrame((d) => d.getMap('tldraw').set('a', 1)),
      )
      await flushTurn()
      expect(events).toEqual(['stored', 'sent'])
    })
  })

  describe('when a read-only connection sends an update', () => {
    it('drops it and keeps the board unchanged', async () => {
      const { store, updates } = memoryStore()
      const room = await makeRoom(store)
      const viewer = join(room, 'read')
      const other = join(room)
      room.receive(
        viewer.conn,
        updateFrame((d) => d.getMap('tldraw').set('x', 1)),
      )
      await flushTurn()
      expect(room.doc.getMap('tldraw').size).toBe(0)
      expect(updates).toHaveLength(0)
      expect(syncUpdates(other.sent)).toHaveLength(0)
      expect(viewer.closes).toHaveLength(0)
    })
  })

  describe('when a frame is malformed', () => {
    it.each([
      ['an unknown message type', new Uint8Array([9, 0])],
      ['an unknown sync message', new Uint8Array([0, 7, 0])],
      ['a truncated update', new Uint8Array([0, 2, 50, 1, 2])],
      ['trailing bytes', new Uint8Array([3, 0])],
      [
        'an awareness state that is not JSON',
        new Uint8Array([1, 6, 1, 1, 1, 2, 123, 125].slice(0, 7)),
      ],
    ])('closes only that connection for %s', async (_name, frame) => {
      const { store, updates } = memoryStore()
      const room = await makeRoom(store)
      const bad = join(room)
      const good = join(room)
      room.receive(bad.conn, frame)
      expect(bad.closes).toEqual([CloseCodes.MalformedMessage])
      expect(room.connections.has(bad.conn)).toBe(false)
      room.receive(
        good.conn,
        updateFrame((d) => d.getMap('tldraw').set('ok', true)),
      )
      expect(good.closes).toHaveLength(0)
      expect(updates).toHaveLength(1)
    })
  })

  describe('when a document would grow past its limit', () => {
    it('refuses the update with DocumentTooLarge', async () => {
      const room = new Room('board', roomDeps(memoryStore().store, 100))
      await room.load()
      const writer = join(room)
      room.receive(
        writer.conn,
        updateFrame((d) => d.getMap('tldraw').set('big', 'x'.repeat(500))),
      )
      expect(writer.closes).toEqual([CloseCodes.DocumentTooLarge])
      expect(room.doc.getMap('tldraw').size).toBe(0)
    })
  })

  describe('when the log is compacted', () => {
    it('keeps the same document in fewer stored updates', async () => {
      const { store, updates } = memoryStore()
      const room = await makeRoom(store)
      const writer = join(room)
      const source = new Y.Doc()
      for (let i = 0; i < 20; i++) {
        room.receive(
          writer.conn,
          updateFrame((d) => d.getMap('tldraw').set(`k${i}`, i), source),
        )
      }
      expect(updates).toHaveLength(20)
      await room.destroy()
      expect(updates).toHaveLength(1)
      const reloaded = await makeRoom(store)
      expect(reloaded.doc.getMap('tldraw').toJSON()).toEqual(source.getMap('tldraw').toJSON())
    })
  })

  describe('when fresh clients arrive at a stored board', () => {
    /** What a client with an empty document receives in answer to its sync step 1. */
    function step2For(room: Room) {
      const client = join(room)
      room.receive(
        client.conn,
        encodeSyncMessage(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc())),
      )
      const d = decoding.createDecoder(client.sent.at(-1)!)
      decoding.readVarUint(d)
      expect(decoding.readVarUint(d)).toBe(SyncMessageType.Step2)
      const doc = new Y.Doc()
      Y.applyUpdate(doc, decoding.readVarUint8Array(d))
      return doc.getMap('tldraw').toJSON()
    }

    it('serves each the whole board, including changes made after it loaded', async () => {
      const { store, updates } = memoryStore()
      const source = new Y.Doc()
      source.getMap('tldraw').set('stored', 1)
      updates.push(Y.encodeStateAsUpdate(source))
      const room = await makeRoom(store)
      expect(step2For(room)).toEqual({ stored: 1 })
      const writer = join(room)
      room.receive(
        writer.conn,
        updateFrame((d) => d.getMap('tldraw').set('later', 2), source),
      )
      expect(step2For(room)).toEqual({ stored: 1, later: 2 })
      await room.transact((doc) => doc.getMap('tldraw').set('byServer', 3))
      expect(step2For(room)).toEqual({ stored: 1, later: 2, byServer: 3 })
    })
  })

  describe('when the store refuses an update', () => {
    /** A store whose commits fail while `failing` is set, asynchronously like a group commit. */
    function flakyStore() {
      const inner = memoryStore()
      const state = { failing: false }
      const store: TestStore = {
        ...inner.store,
        appendUpdate: (id, update, now) =>
          state.failing
            ? Promise.reject(new StorageUnavailableError(new Error('disk full')))
            : Promise.resolve(inner.store.appendUpdate(id, update, now)),
      }
      return { store, state, updates: inner.updates }
    }

    it('does not apply or relay it, tells its sender, and goes on serving the others', async () => {
      const { store, state, updates } = flakyStore()
      const room = await makeRoom(store)
      const writer = join(room)
      const other = join(room)
      state.failing = true
      room.receive(
        writer.conn,
        updateFrame((d) => d.getMap('tldraw').set('lost', 1)),
      )
      await flushTurn()
      await flushTurn()
      expect(writer.closes).toEqual([CloseCodes.StorageUnavailable])
      expect(room.doc.getMap('tldraw').size).toBe(0)
      expect(syncUpdates(other.sent)).toHaveLength(0)
      expect(updates).toHaveLength(0)

      state.failing = false
      const later = join(room)
      room.receive(
        later.conn,
        updateFrame((d) => d.getMap('tldraw').set('kept', 2)),
      )
      await flushTurn()
      await flushTurn()
      expect(room.doc.getMap('tldraw').toJSON()).toEqual({ kept: 2 })
      expect(syncUpdates(other.sent)).toHaveLength(1)
      expect(updates).toHaveLength(1)
    })

    it('applies a stored update only after the store has it', async () => {
      let release!: () => void
      const inner = memoryStore()
      const store: TestStore = {
        ...inner.store,
        appendUpdate: (id, update, now) =>
          new Promise<number>((resolve) => {
            release = () => resolve(inner.store.appendUpdate(id, update, now) as number)
          }),
      }
      const room = await makeRoom(store)
      const writer = join(room)
      room.receive(
        writer.conn,
        updateFrame((d) => d.getMap('tldraw').set('a', 1)),
      )
      await flushTurn()
      expect(room.doc.getMap('tldraw').size).toBe(0)
      release()
      await flushTurn()
      expect(room.doc.getMap('tldraw').toJSON()).toEqual({ a: 1 })
    })
  })

  describe('when an update reaches an instance before the update it builds on', () => {
    it('still reaches the other instances once stored', async () => {
      const { store } = memoryStore()
      const { buses, deliver } = joinedBuses()
      const first = new Room('board', { ...roomDeps(store), bus: buses[0] })
      const second = new Room('board', { ...roomDeps(store), bus: buses[1] })
      await Promise.all([first.load(), second.load()])
      // One screen sends its first edit through the first instance and, reconnected through
      // the load balancer, its next edit through the second, before the bus brought the first.
      const screen = new Y.Doc()
      const earlier = updateFrame((d) => d.getMap('tldraw').set('a', 1), screen)
      const later = updateFrame((d) => d.getMap('tldraw').set('b', 2), screen)
      const reader = join(second)
      first.receive(join(first).conn, earlier)
      second.receive(join(second).conn, later)
      // The second instance holds the later edit until the earlier one arrives.
      expect(second.doc.getMap('tldraw').toJSON()).toEqual({})
      deliver()
      await flushTurn()
      deliver()
      expect(second.doc.getMap('tldraw').toJSON()).toEqual({ a: 1, b: 2 })
      expect(first.doc.getMap('tldraw').toJSON()).toEqual({ a: 1, b: 2 })
      // A screen on the second instance gets both, whatever came first.
      await flushTurn()
      const relayed = new Y.Doc()
      for (const u of syncUpdates(reader.sent)) Y.applyUpdate(relayed, u)
      expect(relayed.getMap('tldraw').toJSON()).toEqual({ a: 1, b: 2 })
    })
  })

  describe('when a hook throws', () => {
    it('keeps storing and relaying every later update', async () => {
      const { store, updates } = memoryStore()
      const room = new Room('board', {
        ...roomDeps(store),
        hooks: {
          onChange: () => {
            throw new Error('a broken index')
          },
        },
      })
      await room.load()
      const writer = join(room)
      const other = join(room)
      for (let i = 0; i < 3; i++) {
        room.receive(
          writer.conn,
          updateFrame((d) => d.getMap('tldraw').set(`k${i}`, i)),
        )
        await flushTurn()
      }
      expect(updates).toHaveLength(3)
      expect(syncUpdates(other.sent)).toHaveLength(3)
      expect(room.doc.getMap('tldraw').size).toBe(3)
    })
  })
})

/** A bus between this room and another instance's: what it publishes, and a way to deliver. */
function twoInstanceBus() {
  const published: RoomBusMessage[] = []
  let deliver: ((message: RoomBusMessage) => void) | undefined
  let subscribedBeforeRead = false
  const bus: RoomBus = {
    ...createLocalBus(),
    subscribe: (_roomId, onMessage) => {
      deliver = onMessage
      return Promise.resolve(() => (deliver = undefined))
    },
    publish: (_roomId, message) => published.push(message),
  }
  return {
    bus,
    published,
    deliver: (message: RoomBusMessage) => deliver!(message),
    get subscribed() {
      return deliver !== undefined
    },
    noteRead() {
      subscribedBeforeRead = deliver !== undefined
    },
    get subscribedBeforeRead() {
      return subscribedBeforeRead
    },
  }
}

const updateOf = (fn: (doc: Y.Doc) => void) => {
  const doc = new Y.Doc()
  fn(doc)
  return Y.encodeStateAsUpdate(doc)
}

describe('Room on several instances', () => {
  it('listens to the bus before it reads the store, and keeps an update published during the read', async () => {
    const wire = twoInstanceBus()
    const { store } = memoryStore()
    let finishRead: () => void = () => {}
    const read = new Promise<void>((resolve) => (finishRead = resolve))
    const slowStore: TestStore = {
      ...store,
      loadDocument: async (id) => {
        wire.noteRead()
        await read
        return store.loadDocument(id)
      },
    }
    const room = new Room('board', { ...roomDeps(slowStore), bus: wire.bus })
    const loading = room.load()
    await flushTurn()
    expect(wire.subscribedBeforeRead).toBe(true)
    // Another instance stores and publishes an update while this room still reads.
    wire.deliver({ type: 'update', update: updateOf((d) => d.getMap('m').set('other', 1)) })
    finishRead()
    await loading
    expect(room.doc.getMap('m').get('other')).toBe(1)
    await room.destroy()
    expect(wire.subscribed).toBe(false)
  })

  it('publishes what it stored, and relays what the bus brings to its clients without publishing it back', async () => {
    const wire = twoInstanceBus()
    const room = new Room('board', { ...roomDeps(memoryStore().store), bus: wire.bus })
    await room.load()
    const writer = join(room)
    const reader = join(room)
    room.receive(
      writer.conn,
      updateFrame((d) => d.getMap('m').set('mine', 1)),
    )
    await flushTurn()
    expect(wire.published.map((m) => m.type)).toEqual(['update'])

    wire.deliver({ type: 'update', update: updateOf((d) => d.getMap('m').set('theirs', 2)) })
    await flushTurn()
    const relayed = new Y.Doc()
    for (const u of syncUpdates(reader.sent)) Y.applyUpdate(relayed, u)
    expect(relayed.getMap('m').toJSON()).toEqual({ mine: 1, theirs: 2 })
    // What came from the bus is not published back.
    expect(wire.published.map((m) => m.type)).toEqual(['update'])
    await room.destroy()
  })

  it('counts updates other instances stored toward the document size limit', async () => {
    const wire = twoInstanceBus()
    const room = new Room('board', { ...roomDeps(memoryStore().store, 2_000), bus: wire.bus })
    await room.load()
    const writer = join(room)
    wire.deliver({
      type: 'update',
      update: updateOf((d) => d.getText('t').insert(0, 'x'.repeat(1_900))),
    })
    room.receive(
      writer.conn,
      updateFrame((d) => d.getText('t').insert(0, 'y'.repeat(200))),
    )
    expect(writer.closes.map((c) => c.code)).toEqual([CloseCodes.DocumentTooLarge.code])
    await room.destroy()
  })
})

describe('Room when a client moves here from an instance that died', () => {
  it('removes its presence when it leaves, though the bus brought the same state first', async () => {
    const wire = twoInstanceBus()
    const room = new Room('board', { ...roomDeps(memoryStore().store), bus: wire.bus })
    await room.load()
    const state = { user: { id: 'guest-x', name: 'Ann', color: '#ff0000' } }
    const entry = { clientId: 4242, clock: 3, state }
    // The instance it was on relayed its presence; then it died and the client came here.
    wire.deliver({ type: 'awareness', update: encodeAwarenessEntries([entry]) })
    const moved = join(room)
    room.receive(moved.conn, encodeAwarenessMessage(encodeAwarenessEntries([entry])))
    expect(room.awareness.getStates().has(4242)).toBe(true)

    room.removeConnection(moved.conn)

    expect(room.awareness.getStates().has(4242)).toBe(false)
    expect(wire.published.map((m) => m.type)).toContain('awareness')
    await room.destroy()
  })
})

describe('Room when the bus loses an update another instance stored', () => {
  it('reads the store again once a later update has waited for it, and relays what it lacked', async () => {
    const wire = twoInstanceBus()
    const { store, updates } = memoryStore()
    const room = new Room('board', { ...roomDeps(store), bus: wire.bus, gapMs: 5 })
    await room.load()
    const reader = join(room)
    const screen = new Y.Doc()
    let first: Uint8Array = new Uint8Array()
    screen.once('update', (u: Uint8Array) => (first = u))
    screen.getMap('m').set('first', 1)
    let second: Uint8Array = new Uint8Array()
    screen.once('update', (u: Uint8Array) => (second = u))
    screen.getMap('m').set('second', 2)
    // Another instance stored both; the bus brought only the second.
    updates.push(first, second)
    wire.deliver({ type: 'update', update: second })
    expect(room.doc.getMap('m').toJSON()).toEqual({})

    await vi.waitFor(() => expect(room.doc.getMap('m').toJSON()).toEqual({ first: 1, second: 2 }))
    await flushTurn()
    const relayed = new Y.Doc()
    for (const u of syncUpdates(reader.sent)) Y.applyUpdate(relayed, u)
    expect(relayed.getMap('m').toJSON()).toEqual({ first: 1, second: 2 })
    await room.destroy()
  })
})

describe('Room when updates from the bus arrive out of order', () => {
  it('relays every one to its clients once the one they wait for arrives', async () => {
    const wire = twoInstanceBus()
    const room = new Room('board', { ...roomDeps(memoryStore().store), bus: wire.bus })
    await room.load()
    const reader = join(room)
    const screen = new Y.Doc()
    const edits: Uint8Array[] = []
    screen.on('update', (u: Uint8Array) => edits.push(u))
    for (const key of ['a', 'b', 'c']) screen.getMap('m').set(key, 1)
    const [earlier, later, latest] = edits as [Uint8Array, Uint8Array, Uint8Array]
    // The bus brings the two later edits first, in one turn: each waits for the earlier one.
    wire.deliver({ type: 'update', update: later })
    wire.deliver({ type: 'update', update: latest })
    await flushTurn()
    wire.deliver({ type: 'update', update: earlier })
    await flushTurn()
    expect(room.doc.getMap('m').toJSON()).toEqual({ a: 1, b: 1, c: 1 })
    const relayed = new Y.Doc()
    for (const u of syncUpdates(reader.sent)) Y.applyUpdate(relayed, u)
    expect(relayed.getMap('m').toJSON()).toEqual({ a: 1, b: 1, c: 1 })
    await room.destroy()
  })
})
