import { getCanvasDefinition } from '../shared/canvases/registry.js'
import {
  apiClient,
  createHypothesis,
  createToken,
  postMeasurements,
  setStatus,
} from '../test/helpers/api.js'
import { createBoard, createOwnedBoard } from '../test/helpers/clients.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { summarize, type Summary } from './stats.js'
import { clock } from './wait.js'

export interface ExportResult {
  items: number
  canvases: number
  bytes: number
  exportMs: Summary
  importMs: Summary
  cpu: CpuShare
}

const KINDS = ['hypothesis', 'ml', 'lean'] as const

/**
 * A board of `items` box items spread over canvases of 50 items (hypotheses among them with
 * 20 measurements each), exported through GET …/export.md and imported into fresh boards.
 */
export async function measureMarkdownExport(items: number, repeat = 20): Promise<ExportResult> {
  const server = await startBenchServer()
  const api = apiClient(server.url)
  try {
    const board = await createOwnedBoard(server.url, 'export')
    const boardId = board.id
    const { token } = await createToken(api, board)
    const perCanvas = 50
    const canvases = Math.ceil(items / perCanvas)
    for (let c = 0; c < canvases; c++) {
      const kind = KINDS[c % KINDS.length]!
      const keys = getCanvasDefinition(kind).boxes.map((b) => b.key)
      const boxes: Record<string, string[]> = {}
      for (let i = 0; i < Math.min(perCanvas, items - c * perCanvas); i++) {
        const key = keys[i % keys.length]!
        if (kind === 'hypothesis' && key === 'lessons') continue
        ;(boxes[key] ??= []).push(`Item ${c}.${i}: a short sticky | with <markup> & **text**`)
      }
      if (kind !== 'hypothesis') {
        const res = await api(`/api/boards/${boardId}/canvases`, { body: { kind, boxes } })
        if (res.status !== 201) throw new Error(`create canvas failed: ${res.text}`)
        continue
      }
      const id = await createHypothesis(api, boardId, { boxes })
      await setStatus(api, boardId, id, 'running')
      await postMeasurements(api, boardId, id, token, {
        measurements: Array.from({ length: 20 }, (_, k) => ({
          metric: k % 2 === 0 ? 'conversion' : 'latency',
          value: 4 + k / 10,
          id: `m${k}`,
        })),
      })
    }
    const cpu = startCpuMeter(server.pid)
    const exportSamples: number[] = []
    let text = ''
    for (let r = 0; r < repeat; r++) {
      const startedAt = clock()
      const res = await fetch(`${server.url}/api/boards/${boardId}/export.md`)
      text = await res.text()
      exportSamples.push(clock() - startedAt)
    }
    const importSamples: number[] = []
    for (let r = 0; r < 5; r++) {
      const target = await createBoard(server.url, 'import')
      const startedAt = clock()
      const res = await api(`/api/boards/${target}/import`, { body: text, type: 'text/markdown' })
      importSamples.push(clock() - startedAt)
      if (res.status !== 201) throw new Error(`import failed: ${res.text.slice(0, 200)}`)
    }
    return {
      items,
      canvases,
      bytes: Buffer.byteLength(text),
      exportMs: summarize(exportSamples),
      importMs: summarize(importSamples),
      cpu: cpu(),
    }
  } finally {
    await server.stop()
    removeDataDir(server.dataDir)
  }
}
