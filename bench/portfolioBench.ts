import * as Y from 'yjs'
import { PortfolioResponseSchema } from '../shared/api/projects.js'
import { isHypothesisMap } from '../shared/canvases/hypothesis/content.js'
import { projectCanvas } from '../shared/canvases/project/definition.js'
import {
  planEnd,
  planGateAnswer,
  planLink,
  planMove,
} from '../shared/canvases/project/projectChanges.js'
import { StageDefinitions, Stages } from '../shared/canvases/project/stages.js'
import { emptyCanvas, getBoardCanvases, writeCanvas } from '../shared/doc/canvasDoc.js'
import { hypothesisRows } from '../server/indexes/hypothesisIndexer.js'
import { projectRows } from '../server/indexes/projectRows.js'
import { createPostgresPersistence } from '../server/persistence/postgres/PostgresPersistence.js'
import { createSqlitePersistence } from '../server/persistence/sqlite/SqlitePersistence.js'
import type { Persistence } from '../server/persistence/types.js'
import { postgresBin, startTestPostgres } from '../test/helpers/postgres.js'
import { makeDataDir } from '../test/helpers/server.js'
import { removeDataDir, startBenchServer } from './benchServer.js'
import { startCpuMeter } from './cpu.js'
import { progress, type Report } from './report.js'
import { formatMs, summarize, type Summary } from './stats.js'
import { latencyRow } from './table.js'
import { boardWithHypotheses } from './tracker.js'
import { clock } from './wait.js'

const BOARDS = 100
const PROJECTS_PER_BOARD = 10
const HYPOTHESES_PER_BOARD = 100
/** GET /api/portfolio over 1,000 projects and 10,000 hypotheses, the whole portfolio. */
const PORTFOLIO_GOAL_P50_MS = 50
const DAY_MS = 24 * 60 * 60 * 1000
const count = (n: number) => n.toLocaleString('en-US')

/**
 * A board with `HYPOTHESES_PER_BOARD` hypotheses and `PROJECTS_PER_BOARD` projects, each in a
 * stage of its own, with gate answers, ten linked hypotheses and, for some, an end.
 */
function boardWithProjects(b: number, now: number): Y.Doc {
  const doc = boardWithHypotheses(b, HYPOTHESES_PER_BOARD, now)
  const hypotheses = [...getBoardCanvases(doc).entries()]
    .filter(([, map]) => isHypothesisMap(map))
    .map(([id]) => id)
  doc.transact(() => {
    for (let p = 0; p < PROJECTS_PER_BOARD; p++) {
      const content = emptyCanvas(projectCanvas.kind, `Project ${b}.${p}`)
      content.fields = { owner: `Owner ${p}`, problem: 'Customers leave' }
      const map = writeCanvas(doc, content)
      const apply = (change: ReturnType<typeof planMove>) => {
        if (change.ok) change.write()
      }
      const stage = Stages[(b + p) % Stages.length]!
      const at = now - ((p % 20) + 1) * DAY_MS
      if (stage !== 'ideation')
        apply(planMove(map, { to: stage, why: 'Learned enough', by: 'bench' }, at))
      for (const gate of StageDefinitions[0]!.gates) {
        apply(
          planGateAnswer(
            map,
            { stage: 'ideation', question: gate.key, answer: 'yes', note: 'bench', by: 'bench' },
            at,
          ),
        )
      }
      for (let h = 0; h < 10; h++) {
        apply(planLink(map, { boardId: `board-${b}`, hypothesisId: hypotheses[p * 10 + h]! }))
      }
      if (p % 4 === 3) {
        apply(
          planEnd(
            map,
            { outcome: p % 8 === 3 ? 'stopped' : 'succeeded', why: 'bench', by: 'bench' },
            now,
          ),
        )
      }
    }
  })
  return doc
}

/** Fills a store's indexes as the indexer would, from real board documents. */
export { fill as fillForProfile }
async function fill(store: Persistence, now: number) {
  for (let b = 0; b < BOARDS; b++) {
    const id = `bench-portfolio-${String(b).padStart(6, '0')}`.slice(0, 22).padEnd(22, 'x')
    await store.createBoard({ id, title: `Board ${b}`, now })
    const doc = boardWithProjects(b, now)
    // The links name the board by its bench id.
    const rows = projectRows(id, doc).map((row) => ({
      ...row,
      summaryJson: row.summaryJson.replaceAll(`"board-${b}"`, JSON.stringify(id)),
    }))
    await store.replaceBoardHypotheses(id, hypothesisRows(id, doc, now))
    await store.replaceBoardProjects(id, rows)
    doc.destroy()
  }
}

interface PortfolioTiming {
  query: string
  rows: number
  ms: Summary
}

/** Times the portfolio's usual queries on a server started on a filled store. */
async function timeQueries(url: string, repeat: number): Promise<PortfolioTiming[]> {
  const timings: PortfolioTiming[] = []
  for (const query of ['', '?stage=prototyping,tech-transfer', '?status=stopped']) {
    const samples: number[] = []
    let rows = 0
    for (let r = 0; r < repeat; r++) {
      const startedAt = clock()
      const res = await fetch(`${url}/api/portfolio${query}`)
      const text = await res.text()
      samples.push(clock() - startedAt)
      rows = PortfolioResponseSchema.parse(JSON.parse(text)).projects.length
    }
    timings.push({ query: query || '(all)', rows, ms: summarize(samples) })
  }
  const samples: number[] = []
  for (let r = 0; r < repeat; r++) {
    const startedAt = clock()
    await (await fetch(`${url}/api/portfolio.md`)).text()
    samples.push(clock() - startedAt)
  }
  timings.push({ query: 'portfolio.md', rows: timings[0]!.rows, ms: summarize(samples) })
  return timings
}

/** Measures GET /api/portfolio on one store: the embedded file, or PostgreSQL at `databaseUrl`. */
async function measurePortfolio(databaseUrl?: string, repeat = 30) {
  const dataDir = makeDataDir()
  const now = Date.now()
  const buildStarted = clock()
  const store = databaseUrl
    ? await createPostgresPersistence(databaseUrl)
    : createSqlitePersistence(dataDir)
  await fill(store, now)
  await store.close()
  const buildMs = clock() - buildStarted
  const server = await startBenchServer(dataDir, databaseUrl ? { DATABASE_URL: databaseUrl } : {})
  const cpu = startCpuMeter(server.pid)
  try {
    return { buildMs, timings: await timeQueries(server.url, repeat), cpu: cpu() }
  } finally {
    await server.stop()
    removeDataDir(dataDir)
  }
}

function rows(report: Report, store: string, r: Awaited<ReturnType<typeof measurePortfolio>>) {
  const what = `${count(BOARDS * PROJECTS_PER_BOARD)} projects, ${count(BOARDS * HYPOTHESES_PER_BOARD)} hypotheses`
  for (const t of r.timings) {
    const goal = t.query === '(all)' ? PORTFOLIO_GOAL_P50_MS : undefined
    report.row(
      latencyRow(
        `portfolio${store}, ${what}, ${t.query} (${count(t.rows)} rows)`,
        t.ms.p50,
        goal,
        ' p50',
      ),
    )
  }
  report.note(
    `portfolio${store}: GET /api/portfolio from the indexes after a restart (no board loaded), ` +
      `${r.timings[0]!.ms.count} runs per query; every project links 10 hypotheses, each judged ` +
      `from the tracker index; p99 ` +
      r.timings.map((t) => `${t.query} ${formatMs(t.ms.p99)}`).join(', ') +
      `; filling the indexes took ${formatMs(r.buildMs)}; ` +
      report.cpu(`portfolio${store}`, r.cpu),
  )
}

/** The `portfolio` section: on the embedded store, and on PostgreSQL when it is installed. */
export async function portfolioSection(report: Report) {
  progress(`portfolio over ${count(BOARDS * PROJECTS_PER_BOARD)} projects on the embedded store`)
  rows(report, '', await measurePortfolio())
  if (!postgresBin()) {
    const line = 'portfolio on PostgreSQL skipped: PostgreSQL is not installed'
    progress(line)
    report.note(line)
    return
  }
  progress('portfolio on PostgreSQL (started by the bench in a temporary folder)')
  const postgres = await startTestPostgres({ durable: true })
  try {
    rows(report, ' on PostgreSQL', await measurePortfolio(await postgres.createDatabase()))
  } finally {
    await postgres.destroy()
  }
}
