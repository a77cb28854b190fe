import { rmSync } from 'node:fs'
import type { Socket } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { connectClient, createBoard, openRawSocket } from '../helpers/clients.js'
import { makeDataDir, startServerProcess, type ServerProcess } from '../helpers/server.js'

const KiB = 1024
const MiB = 1024 * KiB

describe('a sync client that stops reading', () => {
  const dataDir = makeDataDir()
  let server: ServerProcess

  beforeAll(async () => {
    server = await startServerProcess(dataDir, { MAX_SEND_QUEUE_BYTES: String(MiB) })
  }, 30_000)

  afterAll(async () => {
    if (server && server.child.exitCode === null) {
      server.child.kill('SIGKILL')
      await server.exited
    }
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('is cut off once its queue passes the limit, and the room keeps its pace', async () => {
    const boardId = await createBoard(server.url)
    const writer = connectClient(server.wsUrl, boardId)
    const reader = connectClient(server.wsUrl, boardId)
    const stalled = openRawSocket(server.wsUrl, boardId)
    await Promise.all([writer.synced, reader.synced, stalled.opened])
    // In the room once the server has greeted it (sync step 1); from here on it reads nothing.
    await expect.poll(() => stalled.messages.length).toBeGreaterThan(0)
    const rawSocket = (stalled.socket as unknown as { _socket: Socket })._socket
    rawSocket.pause()

    // 48 updates of 512 KiB: 24 MiB, far more than the socket buffers of both ends hold.
    const payload = 'x'.repeat(512 * KiB)
    const delays: number[] = []
    for (let i = 0; i < 48; i++) {
      const key = `shape:big-${i}`
      const arrived = new Promise<void>((resolve) => {
        const seen = () => {
          if (!reader.records.has(key)) return
          reader.records.unobserve(seen)
          resolve()
        }
        reader.records.observe(seen)
      })
      const started = performance.now()
      writer.records.set(key, { id: key, text: payload })
      await arrived
      delays.push(performance.now() - started)
    }
    // Every update reached the other reader promptly, none waited for the stalled one.
    expect(Math.max(...delays)).toBeLessThan(2000)

    // Reading again, the stalled client gets what was queued before the cut, then the close.
    rawSocket.resume()
    const closed = await stalled.closed
    expect(closed.code).toBe(CloseCodes.SendQueueFull.code)
    expect(closed.code).toBe(1008)
    const received = stalled.messages.reduce((sum, m) => sum + m.byteLength, 0)
    expect(received).toBeLessThan(24 * MiB)

    // The room goes on for those still connected.
    writer.records.set('shape:after', { id: 'shape:after' })
    await expect.poll(() => reader.records.has('shape:after')).toBe(true)
    writer.destroy()
    reader.destroy()
  }, 60_000)
})
