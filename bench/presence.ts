import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import WebSocket from 'ws'
import { createBoard } from '../test/helpers/clients.js'
import { MessageType, syncPath } from '../shared/protocol/messages.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { clock, withTimeout } from './wait.js'

/** The app publishes a moving cursor at most this often (client/sync/presence.ts). */
export const CursorRate = 20

/** Sockets that decode what they receive to time it; the others only receive. */
const Observers = 10

export interface PresenceResult {
  participants: number
  /** Cursor move to its arrival at an observer, ms. */
  latencies: number[]
  expected: number
  received: number
  cpu: CpuShare
}

/** One awareness message holding one state, as a y-websocket client sends it. */
function awarenessFrame(clientId: number, clock: number, state: unknown): Buffer {
  const update = encoding.createEncoder()
  encoding.writeVarUint(update, 1)
  encoding.writeVarUint(update, clientId)
  encoding.writeVarUint(update, clock)
  encoding.writeVarString(update, JSON.stringify(state))
  const frame = encoding.createEncoder()
  encoding.writeVarUint(frame, MessageType.Awareness)
  encoding.writeVarUint8Array(frame, encoding.toUint8Array(update))
  return Buffer.from(encoding.toUint8Array(frame))
}

/** The send times carried in an awareness message's states. */
function sentTimes(frame: Buffer): number[] {
  const decoder = decoding.createDecoder(frame)
  if (decoding.readVarUint(decoder) !== MessageType.Awareness) return []
  const update = decoding.createDecoder(decoding.readVarUint8Array(decoder))
  const out: number[] = []
  for (let n = decoding.readVarUint(update); n > 0; n--) {
    decoding.readVarUint(update)
    decoding.readVarUint(update)
    const state = JSON.parse(decoding.readVarString(update)) as {
      presence?: { sentAt?: number }
    } | null
    if (typeof state?.presence?.sentAt === 'number') out.push(state.presence.sentAt)
  }
  return out
}

/**
 * `participants` people on one board, every one moving a cursor at the app's rate for
 * `durationMs`, all at once: how long a move takes to reach the others. Participants are raw
 * sockets speaking the y-websocket awareness protocol, so this process stays light and the
 * figures are the server's; `Observers` of them decode every state they receive.
 */
export async function measurePresence(
  participants: number,
  durationMs: number,
  warmupMs: number,
): Promise<PresenceResult> {
  const server = await startBenchServer()
  const sockets: WebSocket[] = []
  try {
    const boardId = await createBoard(server.url, `presence ${participants}`)
    const joined: Promise<void>[] = []
    const latencies: number[] = []
    let received = 0
    let measuring = false
    for (let i = 0; i < participants; i++) {
      const socket = new WebSocket(`${server.wsUrl}${syncPath(boardId)}`)
      sockets.push(socket)
      joined.push(
        new Promise((resolve, reject) => {
          socket.once('message', () => resolve())
          socket.once('error', reject)
        }),
      )
      if (i < Observers) {
        socket.on('message', (frame: Buffer) => {
          const at = clock()
          for (const sentAt of sentTimes(frame)) {
            if (!measuring || sentAt < 0) continue
            received++
            latencies.push(at - sentAt)
          }
        })
      }
    }
    await withTimeout(Promise.all(joined), 30_000, `${participants} participants joining`)

    const cpu = startCpuMeter(server.pid)
    const interval = 1000 / CursorRate
    const startedAt = clock()
    const clocks = new Array<number>(participants).fill(0)
    let sent = 0
    await new Promise<void>((resolve) => {
      // Each participant moves on its own phase of the 50 ms period, as real people would.
      const tick = () => {
        const now = clock()
        const elapsed = now - startedAt
        if (elapsed >= warmupMs + durationMs) return resolve()
        measuring = elapsed >= warmupMs
        for (let i = 0; i < participants; i++) {
          const due = Math.floor((elapsed + (i * interval) / participants) / interval)
          if (due <= clocks[i]!) continue
          clocks[i] = due
          const state = {
            user: { id: `p${i}`, name: `Participant ${i}`, color: '#3b5bdb' },
            presence: { cursor: { x: i, y: due }, sentAt: measuring ? now : -1 },
          }
          sockets[i]!.send(awarenessFrame(1_000_000 + i, due, state))
          if (measuring) sent++
        }
        setTimeout(tick, 2)
      }
      tick()
    })
    // Let the last moves arrive.
    await new Promise((resolve) => setTimeout(resolve, 200))
    // The server sends presence to every connection, the mover's own included.
    const expected = sent * Math.min(Observers, participants)
    return { participants, latencies, expected, received, cpu: cpu() }
  } finally {
    for (const s of sockets) s.terminate()
    await server.stop()
    removeDataDir(server.dataDir)
  }
}
