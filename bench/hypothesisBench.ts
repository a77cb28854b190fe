import { measureIngestion, perSecond, type IngestionCase } from './ingestion.js'
import { measureMarkdownExport } from './markdownExport.js'
import type { Report } from './report.js'
import { formatMs, summarize } from './stats.js'
import { measureTracker } from './tracker.js'

const TRACKER_BOARDS = 100
const TRACKER_PER_BOARD = 100
const EXPORT_ITEMS = 1_000

const progress = (message: string) => process.stderr.write(`bench: ${message}\n`)
const count = (n: number) => Math.round(n).toLocaleString('en-US')

/** The rows and note of one ingestion case; `store` names a store other than the SQLite file. */
export function ingestionRows(report: Report, c: IngestionCase, store = '') {
  const wall = summarize(c.wallMs)
  const visible = summarize(c.visibleMs)
  const name = `ingestion${store}, ${c.label}`
  report.row(
    { measure: `${name}: measurements/s`, result: `${count(perSecond(c))}/s` },
    { measure: `${name}: answered`, result: `p50 ${formatMs(wall.p50)}` },
    { measure: `${name}: on a connected client`, result: `p50 ${formatMs(visible.p50)}` },
  )
  report.note(
    `${name}: ${c.wallMs.length} runs, answered min ${formatMs(wall.min)} max ` +
      `${formatMs(wall.max)}; seen by a connected client max ${formatMs(visible.max)}; ` +
      report.cpu(name, c.cpu),
  )
}

/** Hypotheses: measurement ingestion, the tracker over 10,000 hypotheses, markdown export. */
export async function hypothesisSection(report: Report) {
  progress('ingestion: one request of 1,000 rows, then 100 parallel requests of 10 rows')
  const ingestion = await measureIngestion()
  ingestionRows(report, ingestion.single)
  ingestionRows(report, ingestion.parallel)
  report.note(
    `ingestion: all on one running hypothesis, which held ${count(ingestion.totalMeasurements)} ` +
      'measurements at the end; each request checks every row and skips ids recorded before',
  )

  const total = TRACKER_BOARDS * TRACKER_PER_BOARD
  progress(`tracker over ${count(total)} hypotheses on ${TRACKER_BOARDS} boards`)
  const tracker = await measureTracker(TRACKER_BOARDS, TRACKER_PER_BOARD)
  for (const t of tracker.timings) {
    report.row({
      measure: `tracker, ${count(total)} hypotheses, ${t.query} (${count(t.rows)} rows)`,
      result: `p50 ${formatMs(t.ms.p50)}`,
    })
  }
  report.note(
    `tracker: GET /api/hypotheses from the index after a restart (no board loaded), ` +
      `${tracker.timings[0]!.ms.count} runs per query; p99 ` +
      tracker.timings.map((t) => `${t.query} ${formatMs(t.ms.p99)}`).join(', ') +
      `; filling the index took ${formatMs(tracker.buildMs)}; ` +
      report.cpu(`tracker, ${count(total)} hypotheses`, tracker.cpu),
  )

  progress(`markdown export of a board of ${count(EXPORT_ITEMS)} items`)
  const md = await measureMarkdownExport(EXPORT_ITEMS)
  report.row(
    {
      measure: `markdown export, board of ${count(md.items)} items`,
      result: `p50 ${formatMs(md.exportMs.p50)}`,
    },
    {
      measure: `markdown import of that export`,
      result: `p50 ${formatMs(md.importMs.p50)}`,
    },
  )
  report.note(
    `markdown: ${md.canvases} canvases (a third of them running hypotheses with 20 ` +
      `measurements each), ${(md.bytes / 1e3).toFixed(0)} kB; export p99 ` +
      `${formatMs(md.exportMs.p99)} over ${md.exportMs.count} runs; import max ` +
      `${formatMs(md.importMs.max)}; ${report.cpu('markdown export and import', md.cpu)}`,
  )
}
