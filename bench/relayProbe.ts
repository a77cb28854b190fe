import { decodeRecord, encodeRecord } from '../shared/doc/layout.js'
import type { TestClient } from '../test/helpers/clients.js'
import { geoShape } from './shapes.js'
import { clock, withTimeout } from './wait.js'

/** One edit relayed from one client through the server to another. */
export interface RelaySample {
  sentAt: number
  ms: number
}

/** A pause between probes, so the probe itself is a light load (about a hundred edits a second). */
const PROBE_GAP_MS = 5
const PROBE_ID = 'shape:relay-probe'

/**
 * Edits one shape from `from` again and again, each time waiting until `to` sees it, and
 * records how long each took: what a person would see of a stalled room. `stop()` ends the
 * loop and resolves with every sample.
 */
export function startRelayProbe(from: TestClient, to: TestClient) {
  const samples: RelaySample[] = []
  let running = true
  let seq = 0
  const arrived = new Map<number, () => void>()
  const onChange = () => {
    const record = decodeRecord(to.records.get(PROBE_ID)) as { meta?: { seq?: unknown } } | null
    const got = record?.meta?.seq
    if (typeof got === 'number') arrived.get(got)?.()
  }
  to.records.observe(onChange)
  const loop = (async () => {
    while (running) {
      const n = ++seq
      const seen = new Promise<void>((resolve) => arrived.set(n, resolve))
      const sentAt = clock()
      from.records.set(PROBE_ID, encodeRecord(geoShape(PROBE_ID, 0, { seq: n })))
      await withTimeout(seen, 30_000, 'relayed probe edit')
      samples.push({ sentAt, ms: clock() - sentAt })
      arrived.delete(n)
      await new Promise((resolve) => setTimeout(resolve, PROBE_GAP_MS))
    }
  })()
  return {
    async stop(): Promise<RelaySample[]> {
      running = false
      try {
        await loop
      } finally {
        to.records.unobserve(onChange)
      }
      return samples
    },
  }
}
