import * as Y from 'yjs'
import { HypothesisStatuses } from '../shared/canvases/hypothesis/tracking.js'
import { emptyCanvas, writeCanvas } from '../shared/doc/canvasDoc.js'
import {
  appendMeasurements,
  setStatus,
  setTimebox,
} from '../shared/canvases/hypothesis/trackingDoc.js'
import { hypothesisRows } from '../server/indexes/hypothesisIndexer.js'
import { createSqlitePersistence } from '../server/persistence/sqlite/SqlitePersistence.js'
import { TrackerResponseSchema } from '../shared/api/hypotheses.js'
import { makeDataDir } from '../test/helpers/server.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter } from './cpu.js'
import { summarize, type Summary } from './stats.js'
import { clock } from './wait.js'

const DAY_MS = 24 * 60 * 60 * 1000

export interface TrackerQueryTiming {
  query: string
  rows: number
  ms: Summary
}

/** A board document with `count` hypotheses in every status, some with measurements (also the portfolio bench). */
export function boardWithHypotheses(boardIndex: number, count: number, now: number): Y.Doc {
  const doc = new Y.Doc()
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      const canvas = emptyCanvas('hypothesis', `Hypothesis ${boardIndex}.${i}`)
      canvas.fields = {
        belief: `idea ${i} for board ${boardIndex}`,
        expectedResult: 'more completed orders',
        successSignal: 'conversion reaches 5 %',
      }
      canvas.metrics = [
        {
          id: `c${boardIndex}x${i}`.padEnd(6, '0'),
          key: 'conversion',
          name: 'Checkout conversion',
          kind: 'success',
          unit: '%',
          direction: 'increase',
          baseline: { value: 4, at: null, source: null },
          target: { value: 5 },
          tolerance: null,
        },
        {
          id: `l${boardIndex}x${i}`.padEnd(6, '0'),
          key: 'latency',
          name: 'p95 latency',
          kind: 'guardrail',
          unit: 'ms',
          direction: 'decrease',
          baseline: { value: 200, at: null, source: null },
          target: { value: null },
          tolerance: 20,
        },
      ]
      const map = writeCanvas(doc, canvas)
      const status = HypothesisStatuses[i % HypothesisStatuses.length]!
      setStatus(map, status)
      if (status !== 'draft' && status !== 'ready') {
        const start = now - ((i % 14) + 1) * DAY_MS
        const timebox = {
          start: new Date(start).toISOString(),
          end: new Date(start + 7 * DAY_MS).toISOString(),
          days: 7,
        }
        setTimebox(map, timebox)
        appendMeasurements(
          map,
          Array.from({ length: 10 }, (_, k) => ({
            id: `m${k}`,
            metric: k % 2 === 0 ? 'conversion' : 'latency',
            value: k % 2 === 0 ? 4 + ((i + k) % 20) / 10 : 190 + ((i + k) % 40),
            at: new Date(start + k * 3_600_000).toISOString(),
            source: 'bench',
            baseline: false,
            recordedAt: new Date(start + k * 3_600_000).toISOString(),
            by: 'bench',
          })),
        )
      }
    }
  })
  return doc
}

/**
 * Fills the index of a fresh data directory with `boards × perBoard` hypotheses (rows built
 * from real board documents by the indexer's own function), starts the server on it and
 * times GET /api/hypotheses with the tracker's usual queries.
 */
export async function measureTracker(boards: number, perBoard: number, repeat = 20) {
  const dataDir = makeDataDir()
  const now = Date.now()
  const buildStarted = clock()
  const persistence = createSqlitePersistence(dataDir)
  const boardIds: string[] = []
  for (let b = 0; b < boards; b++) {
    const id = `bench-board-${String(b).padStart(10, '0')}`.slice(0, 22).padEnd(22, 'x')
    boardIds.push(id)
    persistence.createBoard({ id, title: `Board ${b}`, now })
    const doc = boardWithHypotheses(b, perBoard, now)
    persistence.replaceBoardHypotheses(id, hypothesisRows(id, doc, now))
    doc.destroy()
  }
  persistence.close()
  const buildMs = clock() - buildStarted

  const server = await startBenchServer(dataDir)
  const cpu = startCpuMeter(server.pid)
  try {
    const queries = [
      '',
      '?status=running,evaluated&sort=due',
      '?verdict=supported,refuted',
      '?overdue=true&sort=due',
      `?board=${boardIds[0]}`,
      '?sort=updated&limit=50',
    ]
    const timings: TrackerQueryTiming[] = []
    for (const query of queries) {
      const samples: number[] = []
      let rows = 0
      for (let r = 0; r < repeat; r++) {
        const startedAt = clock()
        const res = await fetch(`${server.url}/api/hypotheses${query}`)
        const text = await res.text()
        samples.push(clock() - startedAt)
        rows = TrackerResponseSchema.parse(JSON.parse(text)).hypotheses.length
      }
      timings.push({ query: query || '(all)', rows, ms: summarize(samples) })
    }
    return { total: boards * perBoard, buildMs, timings, cpu: cpu() }
  } finally {
    await server.stop()
    removeDataDir(dataDir)
  }
}
