import * as Y from 'yjs'
import { encodeRecord } from '../shared/doc/layout.js'
import { connectClient, createBoard, type TestClient } from '../test/helpers/clients.js'
import { makeDataDir } from '../test/helpers/server.js'
import { removeDataDir, startBenchServer, type BenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { geoShape } from './shapes.js'
import { clock, waitUntil, withTimeout } from './wait.js'

export interface InitialSyncResult {
  shapes: number
  /** First client after the restart: connect, room load from disk, sync, count verified. */
  coldMs: number
  /** Server and client CPU spent on that first sync. */
  coldCpu: CpuShare
  /** A second fresh client, with the room already loaded. */
  warmMs: number
  /** Size of the whole document as one Yjs update. */
  docBytes: number
  /** Time to write the board through a client before the restart (context only). */
  buildMs: number
}

/** Shapes per transaction while building, like a client pasting or importing in chunks. */
const BUILD_BATCH = 50

/** Connects a fresh client and times it until it is synced and holds `shapes` records. */
async function timeFreshSync(server: BenchServer, boardId: string, shapes: number) {
  const cpu = startCpuMeter(server.pid)
  const startedAt = clock()
  const client = connectClient(server.wsUrl, boardId)
  try {
    await withTimeout(client.synced, 30_000, `fresh client syncing ${shapes} shapes`)
    const complete = await waitUntil(() => client.records.size === shapes, 10_000, 0)
    if (!complete) {
      throw new Error(`fresh client has ${client.records.size} records, expected ${shapes}`)
    }
    const ms = clock() - startedAt
    return { ms, cpu: cpu(), docBytes: Y.encodeStateAsUpdate(client.doc).byteLength }
  } finally {
    client.destroy()
  }
}

/**
 * Builds a board of `shapes` geo shapes on one server process, stops it (which stores a compacted
 * snapshot), starts a new process on the same data directory and times a fresh client's sync.
 * `env` goes to both processes: with `DATABASE_URL` the board is stored in, and loaded from,
 * that database.
 */
export async function measureInitialSync(
  shapes: number,
  env: Record<string, string> = {},
): Promise<InitialSyncResult> {
  const dataDir = makeDataDir()
  const servers: BenchServer[] = []
  const clients: TestClient[] = []
  try {
    const first = await startBenchServer(dataDir, env)
    servers.push(first)
    const boardId = await createBoard(first.url, `${shapes} shapes`)
    const writer = connectClient(first.wsUrl, boardId)
    clients.push(writer)
    await withTimeout(writer.synced, 10_000, 'builder syncing')

    const buildStart = clock()
    for (let start = 0; start < shapes; start += BUILD_BATCH) {
      writer.doc.transact(() => {
        for (let i = start; i < Math.min(shapes, start + BUILD_BATCH); i++) {
          writer.records.set(`shape:s${i}`, encodeRecord(geoShape(`shape:s${i}`, i)))
        }
      })
    }
    // A second client seeing every shape proves the server accepted and stored them all.
    const verifier = connectClient(first.wsUrl, boardId)
    clients.push(verifier)
    await withTimeout(verifier.synced, 30_000, 'verifier syncing')
    if (!(await waitUntil(() => verifier.records.size === shapes, 60_000))) {
      throw new Error(`server holds ${verifier.records.size} of ${shapes} shapes`)
    }
    const buildMs = clock() - buildStart
    for (const c of clients.splice(0)) c.destroy()
    await first.stop()

    const second = await startBenchServer(dataDir, env)
    servers.push(second)
    const cold = await timeFreshSync(second, boardId, shapes)
    const warm = await timeFreshSync(second, boardId, shapes)
    return {
      shapes,
      coldMs: cold.ms,
      coldCpu: cold.cpu,
      warmMs: warm.ms,
      docBytes: cold.docBytes,
      buildMs,
    }
  } finally {
    for (const c of clients) c.destroy()
    for (const s of servers) await s.stop()
    removeDataDir(dataDir)
  }
}
