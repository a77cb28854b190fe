import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import {
  connectClient,
  createBoard,
  createOwnedBoard,
  type TestClient,
} from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
const start = async (opts?: Parameters<typeof startTestServer>[0]) => {
  const s = await startTestServer(opts)
  servers.push(s)
  return s
}
const connect = (s: TestServer, boardId: string) => {
  const c = connectClient(s.wsUrl, boardId)
  clients.push(c)
  return c
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.cleanup()
})

describe('sync over y-websocket', () => {
  describe('when two standard clients edit one board', () => {
    it('shows each edit on the other client', async () => {
      const s = await start()
      const boardId = await createBoard(s.url)
      const a = connect(s, boardId)
      const b = connect(s, boardId)
      await Promise.all([a.synced, b.synced])
      a.records.set('shape:a', { id: 'shape:a', x: 1 })
      b.records.set('shape:b', { id: 'shape:b', x: 2 })
      await vi.waitFor(() => {
        expect(a.records.has('shape:b')).toBe(true)
        expect(b.records.has('shape:a')).toBe(true)
      })
    })

    it('relays presence (awareness) between them and removes it when one leaves', async () => {
      const s = await start()
      const boardId = await createBoard(s.url)
      const a = connect(s, boardId)
      const b = connect(s, boardId)
      await Promise.all([a.synced, b.synced])
      a.provider.awareness.setLocalState({ user: { id: 'u-a', name: 'Ada', color: '#aa3355' } })
      await vi.waitFor(() => {
        const states = [...b.provider.awareness.getStates().values()]
        expect(states.some((st) => st.user?.name === 'Ada')).toBe(true)
      })
      a.destroy()
      await vi.waitFor(() => {
        const states = [...b.provider.awareness.getStates().values()]
        expect(states.some((st) => st.user?.name === 'Ada')).toBe(false)
      })
    })
  })

  describe('when a client connects to a stored board after a restart', () => {
    it('is never synced with an empty board', async () => {
      const first = await start()
      const boardId = await createBoard(first.url)
      const writer = connect(first, boardId)
      await writer.synced
      for (let i = 0; i < 50; i++) writer.records.set(`shape:${i}`, { id: `shape:${i}` })
      const observer = connect(first, boardId)
      await vi.waitFor(() => expect(observer.records.size).toBe(50))
      writer.destroy()
      observer.destroy()
      await first.stop()

      const second = await start({ dataDir: first.dataDir })
      const fresh = connect(second, boardId)
      let sizeAtSync = -1
      fresh.provider.on('sync', (synced: boolean) => {
        if (synced && sizeAtSync < 0) sizeAtSync = fresh.records.size
      })
      await fresh.synced
      expect(sizeAtSync).toBe(50)
    })
  })

  describe('when the board does not exist', () => {
    it('closes the socket with BoardNotFound', async () => {
      const s = await start()
      const client = connect(s, 'AAAAAAAAAAAAAAAAAAAAAA')
      expect(await client.closed).toEqual({
        code: CloseCodes.BoardNotFound.code,
        reason: CloseCodes.BoardNotFound.reason,
      })
    })
  })

  describe('when a board is deleted while clients are connected', () => {
    it('closes their sockets with BoardDeleted', async () => {
      const s = await start()
      const { id: boardId, ownerKey } = await createOwnedBoard(s.url)
      const client = connect(s, boardId)
      await client.synced
      const deleted = await fetch(`${s.url}/api/boards/${boardId}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${ownerKey}` },
      })
      expect(deleted.status).toBe(200)
      expect((await client.closed).code).toBe(CloseCodes.BoardDeleted.code)
    })
  })

  describe('when the last client leaves', () => {
    it('unloads the room after the grace period and reloads it on the next visit', async () => {
      const s = await start({ env: { ROOM_UNLOAD_AFTER_MS: '10' } })
      const boardId = await createBoard(s.url)
      const client = connect(s, boardId)
      await client.synced
      client.records.set('shape:kept', { id: 'shape:kept' })
      await vi.waitFor(() => expect(s.server.context.rooms.size).toBe(1))
      client.destroy()
      await vi.waitFor(() => expect(s.server.context.rooms.size).toBe(0))
      const again = connect(s, boardId)
      await again.synced
      expect(again.records.has('shape:kept')).toBe(true)
    })
  })

  describe('when a client arrives while the unloading room still stores its last edit', () => {
    it('loads the board once that edit is stored, with it', async () => {
      // As with a database across the network: a load sees an append only once it commits, and
      // these commit only when the test lets them.
      const held: (() => void)[] = []
      let holdAppends = false
      let lastLoad: Promise<unknown> = Promise.resolve()
      const s = await start({
        env: { ROOM_UNLOAD_AFTER_MS: '0' },
        wrapPersistence: (store) => ({
          ...store,
          appendUpdate: (boardId, update, now) => {
            if (!holdAppends) return store.appendUpdate(boardId, update, now)
            return new Promise<void>((release) => held.push(release)).then(() =>
              store.appendUpdate(boardId, update, now),
            )
          },
          loadDocument: (boardId) => {
            const stored = Promise.resolve(store.loadDocument(boardId))
            lastLoad = stored.catch(() => undefined)
            return stored
          },
        }),
      })
      const boardId = await createBoard(s.url)
      const client = connect(s, boardId)
      await client.synced
      holdAppends = true
      client.records.set('shape:kept', { id: 'shape:kept' })
      await vi.waitFor(() => expect(held.length).toBeGreaterThan(0))
      client.destroy()
      // The room unloads: it is forgotten at once and waits for its append to commit.
      await vi.waitFor(() => expect(s.server.context.rooms.size).toBe(0))
      const again = connect(s, boardId)
      await vi.waitFor(() => expect(s.server.context.rooms.size).toBe(1))
      // The append commits after any load that began meanwhile has read the store.
      await lastLoad
      holdAppends = false
      for (const release of held.splice(0)) release()
      await again.synced
      expect(again.records.has('shape:kept')).toBe(true)
    })
  })

  describe('when many clients edit concurrently', () => {
    it('converges every client to the same document', async () => {
      const s = await start()
      const boardId = await createBoard(s.url)
      const many = Array.from({ length: 6 }, () => connect(s, boardId))
      await Promise.all(many.map((c) => c.synced))
      many.forEach((c, i) => {
        for (let k = 0; k < 20; k++) c.records.set(`shape:${i}-${k}`, { by: i, k })
      })
      await vi.waitFor(() => {
        for (const c of many) expect(c.records.size).toBe(120)
      })
      const states = many.map((c) => Y.encodeStateVector(c.doc).toString())
      expect(new Set(states).size).toBe(1)
    })
  })
})
