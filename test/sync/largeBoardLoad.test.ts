import { rmSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { connectClient, createBoard, type TestClient } from '../helpers/clients.js'
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server.js'
import { storeUnderTest } from '../helpers/storeUnderTest.js'

const servers: TestServer[] = []
const clients: TestClient[] = []
const dirs: string[] = []
afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy()
  for (const s of servers.splice(0)) await s.stop()
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true })
})

const Shapes = 3_000

function connect(server: TestServer, boardId: string) {
  const client = connectClient(server.wsUrl, boardId)
  clients.push(client)
  return client
}

/** The first bytes of every message a client receives, and how many bytes in all. */
function watchMessages(client: TestClient) {
  const seen = { heads: [] as number[][], bytes: 0 }
  const ws = client.provider.ws as unknown as {
    addEventListener(type: 'message', fn: (e: { data: ArrayBuffer }) => void): void
  }
  ws.addEventListener('message', (e) => {
    const bytes = new Uint8Array(e.data)
    seen.heads.push([bytes[0]!, bytes[1]!])
    seen.bytes += bytes.byteLength
  })
  return seen
}

/** A stored board of `Shapes` records, compacted when its server stopped. */
async function storedLargeBoard() {
  const dataDir = makeDataDir()
  dirs.push(dataDir)
  const first = await startTestServer({ dataDir })
  const boardId = await createBoard(first.url, 'Large')
  const writer = connectClient(first.wsUrl, boardId)
  await writer.synced
  for (let start = 0; start < Shapes; start += 100) {
    writer.doc.transact(() => {
      for (let i = start; i < start + 100; i++) {
        writer.records.set(`shape:${i}`, JSON.stringify({ id: `shape:${i}`, x: i, y: 2 * i }))
      }
    })
  }
  const check = connectClient(first.wsUrl, boardId)
  await vi.waitFor(() => expect(check.records.size).toBe(Shapes), { timeout: 20_000 })
  writer.destroy()
  check.destroy()
  await first.stop()
  return { dataDir, boardId }
}

describe('opening a large stored board on a freshly started server', () => {
  it('gives every fresh client the whole board, and what was stored after its snapshot, once', async () => {
    const { dataDir, boardId } = await storedLargeBoard()
    // On PostgreSQL two servers may share the store: one of them stores an edit after the
    // snapshot while the other has not loaded the board yet.
    const other = storeUnderTest() === 'postgres' ? await startTestServer({ dataDir }) : undefined
    if (other) {
      servers.push(other)
      const late = connect(other, boardId)
      await late.synced
      late.records.set('shape:late', 'stored after the snapshot')
      const seen = connect(other, boardId)
      await vi.waitFor(() => expect(seen.records.get('shape:late')).toBeDefined())
    }
    const server = await startTestServer({ dataDir })
    servers.push(server)

    const [alice, bob] = [connect(server, boardId), connect(server, boardId)]
    const watched = [alice, bob].map(watchMessages)
    await Promise.all([alice.synced, bob.synced])
    const expected = Shapes + (other ? 1 : 0)
    for (const client of [alice, bob]) {
      await vi.waitFor(() => expect(client.records.size).toBe(expected), { timeout: 20_000 })
    }
    if (storeUnderTest() === 'postgres') {
      // The client whose arrival loaded the board got the stored snapshot (sync step 2) before
      // the server's own request (sync step 1), while the server applied it; a client that
      // joined later got it the usual way. Each got the board once, not twice.
      const early = watched.filter((seen) => seen.heads[0]?.[0] === 0 && seen.heads[0][1] === 1)
      expect(early.length).toBeGreaterThan(0)
      const size = Y.encodeStateAsUpdate(alice.doc).byteLength
      for (const seen of watched) expect(seen.bytes).toBeLessThan(1.5 * size)
    }

    // Sync goes on as usual afterwards.
    alice.records.set('shape:after', 'edited after opening')
    await vi.waitFor(() => expect(bob.records.get('shape:after')).toBe('edited after opening'))
  }, 60_000)
})
