import * as Y from 'yjs'
import { getCanvasDefinition } from '../shared/canvases/registry.js'
import {
  applyCanvasContent,
  emptyCanvas,
  getBoardCanvases,
  readCanvas,
  writeCanvas,
} from '../shared/doc/canvasDoc.js'
import { diffBoards, diffMarkdown } from '../shared/history/boardDiff.js'
import { readCanvasesForExport } from '../server/routes/boardDoc.js'
import { connectClient, createOwnedBoard, type TestClient } from '../test/helpers/clients.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter, type CpuShare } from './cpu.js'
import { summarize, type Summary } from './stats.js'
import { clock, waitUntil, withTimeout } from './wait.js'

export interface VersionDiffResult {
  items: number
  canvases: number
  /** Lines of the diff's markdown. */
  lines: number
  /** Both documents read and compared, then written as markdown, as the route does. */
  pureMs: Summary
  /** Of that: reading both boards' canvases, comparing, writing markdown. */
  readMs: Summary
  diffMs: Summary
  markdownMs: Summary
  /** Decoding both versions' snapshots into documents (the route does it too). */
  decodeMs: Summary
  /** GET …/diff.md?from=&to= between the two versions. */
  routeMs: Summary
  /** GET …/diff.md?from= (to now, the loaded room). */
  routeNowMs: Summary
  /** Runs of each measure left out first, while the code warms up. */
  warmup: number
  cpu: CpuShare
}

const KINDS = ['lean', 'ml', 'hypothesis'] as const
const WARMUP = 3
const PER_CANVAS = 50

/** Writes a marker and resolves once `to` sees it: the server holds everything written before. */
async function settled(from: TestClient, to: TestClient, tag: string) {
  from.records.set('instance:bench-marker', JSON.stringify({ tag }))
  const seen = () => to.records.get('instance:bench-marker') === JSON.stringify({ tag })
  if (!(await waitUntil(seen, 60_000))) throw new Error(`the server did not relay ${tag}`)
}

/** A board of `items` items on canvases of 50, written by a client like people typing them. */
function writeBoard(doc: Y.Doc, items: number) {
  const canvases = Math.ceil(items / PER_CANVAS)
  for (let c = 0; c < canvases; c++) {
    const kind = KINDS[c % KINDS.length]!
    const keys = getCanvasDefinition(kind).boxes.map((b) => b.key)
    const content = emptyCanvas(kind, `Canvas ${c}`, `canvas${String(c).padStart(4, '0')}`)
    for (let i = 0; i < Math.min(PER_CANVAS, items - c * PER_CANVAS); i++) {
      const key = keys[i % keys.length]!
      content.boxes[key]!.push({ id: `item${c}x${i}`, text: `Item ${c}.${i}: a short sticky` })
    }
    doc.transact(() => writeCanvas(doc, content))
  }
  return canvases
}

/** About a tenth of the board changes: in each canvas two items edited, one added, one removed. */
function editBoard(doc: Y.Doc) {
  for (const [id, map] of getBoardCanvases(doc).entries()) {
    if (!(map instanceof Y.Map)) continue
    const content = readCanvas(id, map)
    if (!content) continue
    const [key, items] = Object.entries(content.boxes).find(([, list]) => list.length > 3)!
    const next = items
      .slice(1)
      .map((item, i) => (i < 2 ? { ...item, text: `${item.text}!` } : item))
    next.push({ id: `${id}-new`, text: 'Added after the first version' })
    doc.transact(() => applyCanvasContent(map, { boxes: { [key]: next } }))
  }
}

const timed = <T>(samples: number[], run: () => T): T => {
  const startedAt = performance.now()
  const result = run()
  samples.push(performance.now() - startedAt)
  return result
}

/**
 * Two named versions of a board of `items` items, a tenth of it changed in between; times the
 * diff's work in this process as the route does it, then the route itself.
 */
export async function measureVersionDiff(items: number, repeat = 20): Promise<VersionDiffResult> {
  const server = await startBenchServer()
  const clients: TestClient[] = []
  try {
    const board = await createOwnedBoard(server.url, `${items} items`)
    const headers = {
      'content-type': 'application/json',
      authorization: `Bearer ${board.ownerKey}`,
      'x-participant': 'bench-editor'.padEnd(40, 'x'),
    }
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}/api/boards/${board.id}${path}`, { headers, ...init })
    const takeVersion = async (name: string) => {
      const res = await api('/versions', { method: 'POST', body: JSON.stringify({ name }) })
      if (res.status !== 201) throw new Error(`taking a version failed: ${res.status}`)
      return ((await res.json()) as { id: string }).id
    }
    const document = async (versionId: string) =>
      new Uint8Array(await (await api(`/versions/${versionId}/document`)).arrayBuffer())

    const writer = connectClient(server.wsUrl, board.id)
    const reader = connectClient(server.wsUrl, board.id)
    clients.push(writer, reader)
    await withTimeout(Promise.all([writer.synced, reader.synced]), 10_000, 'clients syncing')
    const canvases = writeBoard(writer.doc, items)
    await settled(writer, reader, 'written')
    const from = await takeVersion('Before')
    editBoard(writer.doc)
    await settled(writer, reader, 'edited')
    const to = await takeVersion('After')
    const snapshots = [await document(from), await document(to)] as const

    const cpu = startCpuMeter(server.pid)
    const decode: number[] = []
    const read: number[] = []
    const diff: number[] = []
    const markdown: number[] = []
    const pure: number[] = []
    let text = ''
    for (let r = 0; r < WARMUP + repeat; r++) {
      if (r === WARMUP) for (const s of [decode, read, diff, markdown, pure]) s.length = 0
      const [before, after] = timed(decode, () =>
        snapshots.map((s) => {
          const doc = new Y.Doc()
          Y.applyUpdate(doc, s)
          return doc
        }),
      )
      const startedAt = performance.now()
      const sides = timed(read, () =>
        [before!, after!].map((doc) => ({ doc, canvases: readCanvasesForExport(doc) })),
      )
      const changes = timed(diff, () => diffBoards(sides[0]!, sides[1]!))
      text = timed(markdown, () => diffMarkdown('Bench', 'Before', 'After', changes))
      pure.push(performance.now() - startedAt)
      before!.destroy()
      after!.destroy()
    }
    const route = async (query: string) => {
      const samples: number[] = []
      for (let r = 0; r < WARMUP + repeat; r++) {
        if (r === WARMUP) samples.length = 0
        const startedAt = clock()
        const res = await api(`/diff.md?${query}`)
        const body = await res.text()
        samples.push(clock() - startedAt)
        if (res.status !== 200) throw new Error(`diff.md failed: ${res.status} ${body}`)
      }
      return summarize(samples)
    }
    const routeMs = await route(`from=${from}&to=${to}`)
    const routeNowMs = await route(`from=${from}`)
    return {
      items,
      canvases,
      lines: text.split('\n').length,
      pureMs: summarize(pure),
      readMs: summarize(read),
      diffMs: summarize(diff),
      markdownMs: summarize(markdown),
      decodeMs: summarize(decode),
      routeMs,
      routeNowMs,
      warmup: WARMUP,
      cpu: cpu(),
    }
  } finally {
    for (const c of clients) c.destroy()
    await server.stop()
    removeDataDir(server.dataDir)
  }
}
