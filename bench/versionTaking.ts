import { encodeRecord } from '../shared/doc/layout.js'
import { connectClient, createOwnedBoard, type TestClient } from '../test/helpers/clients.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { startRelayProbe, type RelaySample } from './relayProbe.js'
import { geoShape } from './shapes.js'
import { summarize, type Summary } from './stats.js'
import { clock, waitUntil, withTimeout } from './wait.js'

export interface VersionTakingResult {
  shapes: number
  /** POST /api/boards/:id/versions, answered. */
  takeMs: Summary
  /** The size of one version's snapshot as the API reports it. */
  versionBytes: number
  /** An edit relayed between two clients while no version is being taken. */
  idleRelay: Summary
  /** The same edits, sent while a version was being taken. */
  duringRelay: Summary
  cpu: CpuShare
}

const BUILD_BATCH = 50
const IDLE_PROBE_MS = 1_500

/**
 * A board of `shapes` geo shapes on its own server; named versions taken one after another
 * while one client edits a shape and another waits to see each edit.
 */
export async function measureVersionTaking(
  shapes: number,
  versions = 7,
): Promise<VersionTakingResult> {
  // Compaction also encodes the whole board; kept out of the way so the rows show versions only.
  const server = await startBenchServer(undefined, { COMPACT_AFTER_UPDATES: '1000000' })
  const clients: TestClient[] = []
  try {
    const board = await createOwnedBoard(server.url, `${shapes} shapes`)
    const writer = connectClient(server.wsUrl, board.id)
    const reader = connectClient(server.wsUrl, board.id)
    clients.push(writer, reader)
    await withTimeout(Promise.all([writer.synced, reader.synced]), 10_000, 'clients syncing')
    for (let start = 0; start < shapes; start += BUILD_BATCH) {
      writer.doc.transact(() => {
        for (let i = start; i < Math.min(shapes, start + BUILD_BATCH); i++) {
          writer.records.set(`shape:s${i}`, encodeRecord(geoShape(`shape:s${i}`, i)))
        }
      })
    }
    if (!(await waitUntil(() => reader.records.size >= shapes, 60_000))) {
      throw new Error(`the reader sees ${reader.records.size} of ${shapes} shapes`)
    }

    const idleProbe = startRelayProbe(writer, reader)
    await new Promise((resolve) => setTimeout(resolve, IDLE_PROBE_MS))
    const idle = await idleProbe.stop()

    const cpu = startCpuMeter(server.pid)
    const probe = startRelayProbe(writer, reader)
    const windows: { start: number; end: number }[] = []
    let versionBytes = 0
    for (let v = 0; v < versions; v++) {
      // A moment between versions, so probes land both in and out of them.
      await new Promise((resolve) => setTimeout(resolve, 50))
      const start = clock()
      const res = await fetch(`${server.url}/api/boards/${board.id}/versions`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${board.ownerKey}`,
          'x-participant': 'bench-editor'.padEnd(40, 'x'),
        },
        body: JSON.stringify({ name: `Version ${v + 1}` }),
      })
      const body = (await res.json()) as { bytes?: number }
      windows.push({ start, end: clock() })
      if (res.status !== 201) throw new Error(`taking a version failed: ${res.status}`)
      versionBytes = body.bytes ?? 0
    }
    const during = await probe.stop()
    const overlaps = (s: RelaySample) =>
      windows.some((w) => s.sentAt < w.end && s.sentAt + s.ms > w.start)
    return {
      shapes,
      takeMs: summarize(windows.map((w) => w.end - w.start)),
      versionBytes,
      idleRelay: summarize(idle.map((s) => s.ms)),
      duringRelay: summarize(during.filter(overlaps).map((s) => s.ms)),
      cpu: cpu(),
    }
  } finally {
    for (const c of clients) c.destroy()
    await server.stop()
    removeDataDir(server.dataDir)
  }
}
