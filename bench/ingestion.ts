import { getBoardCanvases } from '../shared/doc/canvasDoc.js'
import { measurementIds } from '../shared/canvases/hypothesis/trackingDoc.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
} from '../test/helpers/api.js'
import { connectClient, createOwnedBoard } from '../test/helpers/clients.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { summarize } from './stats.js'
import { clock, waitUntil, withTimeout } from './wait.js'

export interface IngestionCase {
  label: string
  requests: number
  rowsPerRequest: number
  /** Wall time of each repetition, from the first request sent to the last answer. */
  wallMs: number[]
  /** From the first request sent until a connected client holds every measurement. */
  visibleMs: number[]
  cpu: CpuShare
}

export interface IngestionResult {
  single: IngestionCase
  parallel: IngestionCase
  /** Measurements on the hypothesis at the end (each case adds to the same one). */
  totalMeasurements: number
}

const REPEAT = 5

/**
 * Posts measurements to one running hypothesis through the real HTTP API with a token, while
 * one y-websocket client watches the board: one request of 1,000 rows, then 100 requests of
 * 10 rows sent at once. Each case runs REPEAT times on the same, growing hypothesis. `env`
 * goes to the server (`DATABASE_URL` to store in PostgreSQL).
 */
export async function measureIngestion(
  serverPid?: (pid: number) => void,
  env: Record<string, string> = {},
): Promise<IngestionResult> {
  const server = await startBenchServer(undefined, env)
  serverPid?.(server.pid)
  const api = apiClient(server.url)
  const watcher = { client: undefined as ReturnType<typeof connectClient> | undefined }
  try {
    const board = await createOwnedBoard(server.url, 'ingestion')
    const boardId = board.id
    const id = await createHypothesis(api, boardId)
    await setStatus(api, boardId, id, 'running')
    const { token } = await createToken(api, board)
    const client = connectClient(server.wsUrl, boardId)
    watcher.client = client
    await withTimeout(client.synced, 10_000, 'watcher syncing')
    const seen = () => {
      const canvas = getBoardCanvases(client.doc).get(id)
      return canvas ? measurementIds(canvas).size : 0
    }

    let next = 0
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        metric: i % 2 === 0 ? 'conversion' : 'latency',
        value: 4 + (next % 100) / 100,
        at: new Date(Date.UTC(2026, 10, 2) + next * 1000).toISOString(),
        source: 'bench',
        id: `m-${next++}`,
      }))

    const runCase = async (label: string, requests: number, rowsPerRequest: number) => {
      const wallMs: number[] = []
      const visibleMs: number[] = []
      const cpu = startCpuMeter(server.pid)
      for (let r = 0; r < REPEAT; r++) {
        const bodies = Array.from({ length: requests }, () => ({
          measurements: rows(rowsPerRequest),
        }))
        const target = seen() + requests * rowsPerRequest
        const startedAt = clock()
        const answers = await Promise.all(
          bodies.map((body) => postMeasurements(api, boardId, id, token, body)),
        )
        wallMs.push(clock() - startedAt)
        const bad = answers.find((a) => a.status !== 200 || a.json.recorded !== rowsPerRequest)
        if (bad) throw new Error(`ingestion failed: ${bad.status} ${bad.text.slice(0, 200)}`)
        if (!(await waitUntil(() => seen() >= target, 30_000, 1))) {
          throw new Error(`the watching client has ${seen()} of ${target} measurements`)
        }
        visibleMs.push(clock() - startedAt)
      }
      return { label, requests, rowsPerRequest, wallMs, visibleMs, cpu: cpu() }
    }

    const single = await runCase('one request of 1,000 rows', 1, 1_000)
    const parallel = await runCase('100 parallel requests of 10 rows', 100, 10)
    return { single, parallel, totalMeasurements: seen() }
  } finally {
    watcher.client?.destroy()
    await server.stop()
    removeDataDir(server.dataDir)
  }
}

/** Measurements per second of a case, from its median wall time. */
export const perSecond = (c: IngestionCase) =>
  (c.requests * c.rowsPerRequest) / (summarize(c.wallMs).p50 / 1000)
