import * as encoding from 'lib0/encoding'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import * as Y from 'yjs'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { connectClient, createBoard, openRawSocket, type TestClient } from '../helpers/clients.js'
import { startTestServer, type TestServer } from '../helpers/server.js'

/** A small deterministic PRNG (mulberry32) so every run sends the same frames. */
function rng(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function validUpdate(seed: number) {
  const doc = new Y.Doc()
  doc.getMap('tldraw').set(`shape:fuzz-${seed}`, { id: `shape:fuzz-${seed}` })
  return Y.encodeStateAsUpdate(doc)
}

function frame(parts: (w: encoding.Encoder) => void) {
  const e = encoding.createEncoder()
  parts(e)
  return encoding.toUint8Array(e)
}

/** Builds one hostile frame from a seed: random bytes, corrupted updates, bad awareness. */
function hostileFrame(seed: number): Uint8Array {
  const next = rng(seed)
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256))
  switch (seed % 6) {
    case 0:
      return bytes(1 + Math.floor(next() * 64))
    case 1: {
      // A valid update with bytes flipped.
      const update = validUpdate(seed).slice()
      for (let i = 0; i < 3; i++)
        update[Math.floor(next() * update.length)] = Math.floor(next() * 256)
      const truncated = update.slice(0, Math.max(1, Math.floor(update.length * next())))
      return frame((w) => {
        encoding.writeVarUint(w, 0)
        encoding.writeVarUint(w, 2)
        encoding.writeVarUint8Array(w, truncated)
      })
    }
    case 2:
      // A length prefix far beyond the frame.
      return frame((w) => {
        encoding.writeVarUint(w, 0)
        encoding.writeVarUint(w, 1)
        encoding.writeVarUint(w, 1_000_000)
        encoding.writeUint8Array(w, bytes(8))
      })
    case 3:
      return frame((w) => encoding.writeVarUint(w, 5 + Math.floor(next() * 100)))
    case 4:
      // Awareness whose state is not an object of the expected shape.
      return frame((w) => {
        encoding.writeVarUint(w, 1)
        const inner = encoding.createEncoder()
        encoding.writeVarUint(inner, 1)
        encoding.writeVarUint(inner, Math.floor(next() * 1e6))
        encoding.writeVarUint(inner, 1)
        encoding.writeVarString(inner, next() < 0.5 ? '{"user":{"name":5}}' : '{not json')
        encoding.writeVarUint8Array(w, encoding.toUint8Array(inner))
      })
    default:
      // A valid update followed by trailing garbage.
      return frame((w) => {
        encoding.writeVarUint(w, 0)
        encoding.writeVarUint(w, 2)
        encoding.writeVarUint8Array(w, validUpdate(seed))
        encoding.writeUint8Array(w, bytes(4))
      })
  }
}

const SEEDS = Array.from({ length: 60 }, (_, i) => i + 1)
const MAX_MESSAGE_BYTES = 64 * 1024

let server: TestServer
let boardId: string
let good: TestClient

beforeAll(async () => {
  server = await startTestServer({ env: { MAX_MESSAGE_BYTES: String(MAX_MESSAGE_BYTES) } })
  boardId = await createBoard(server.url)
  good = connectClient(server.wsUrl, boardId)
  await good.synced
})

afterAll(async () => {
  good.destroy()
  await server.cleanup()
})

describe('malformed frames', () => {
  it.each(SEEDS)(
    'seed %i: closes the sender with a named code and nothing bad is stored',
    async (seed) => {
      const raw = openRawSocket(server.wsUrl, boardId)
      await raw.opened
      raw.socket.send(hostileFrame(seed))
      const { code } = await raw.closed
      expect([CloseCodes.MalformedMessage.code, CloseCodes.Forbidden.code]).toContain(code)
      // The honest client on the same board keeps working.
      good.records.set(`shape:good-${seed}`, { seed })
      await vi.waitFor(async () => {
        const other = server.server.context.rooms
        const room = await other.getRoom(boardId)
        expect(room.doc.getMap('tldraw').has(`shape:good-${seed}`)).toBe(true)
      })
    },
  )

  describe('when a frame is larger than the message limit', () => {
    it('closes the connection with Message Too Big (1009) and keeps the server up', async () => {
      const raw = openRawSocket(server.wsUrl, boardId)
      await raw.opened
      raw.socket.send(new Uint8Array(MAX_MESSAGE_BYTES + 1))
      expect((await raw.closed).code).toBe(CloseCodes.MessageTooLarge.code)
      const res = await fetch(`${server.url}/api/health`)
      expect(res.status).toBe(200)
    })
  })

  describe('after the whole seed list', () => {
    it('has stored exactly what the honest client wrote', async () => {
      await server.stop()
      const again = await startTestServer({ dataDir: server.dataDir })
      try {
        const check = connectClient(again.wsUrl, boardId)
        await check.synced
        const keys = [...check.records.keys()].sort()
        expect(keys).toEqual(SEEDS.map((s) => `shape:good-${s}`).sort())
        check.destroy()
      } finally {
        await again.stop()
      }
    })
  })
})
