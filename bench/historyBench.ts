import type { Report } from './report.js'
import { measureCommentsOpen } from './commentsOpen.js'
import { progress } from './report.js'
import { formatMs } from './stats.js'
import { latencyRow } from './table.js'
import { measureVersionDiff } from './versionDiff.js'
import { measureVersionTaking } from './versionTaking.js'

const VERSION_SHAPES = 20_000
const VERSION_GOAL_MS = 100
/** "Not blocking the room": an edit relayed while a version is taken, at worst. */
const RELAY_DURING_VERSION_GOAL_MS = 50
const DIFF_ITEMS = 1_000
const DIFF_GOAL_MS = 100
const COMMENT_THREADS = 1_000

const count = (n: number) => n.toLocaleString('en-US')

/** Version history and comments: taking a version, the diff of two, opening many comments. */
export async function historySection(report: Report) {
  progress(`taking versions of a ${count(VERSION_SHAPES)}-shape board while two clients edit`)
  const v = await measureVersionTaking(VERSION_SHAPES)
  report.row(
    latencyRow(
      `taking a version, ${count(v.shapes)} shapes (POST …/versions), p50`,
      v.takeMs.p50,
      VERSION_GOAL_MS,
    ),
    latencyRow(
      `edit relayed to another client, no version being taken, p50`,
      v.idleRelay.p50,
      undefined,
    ),
    latencyRow(
      `edit relayed to another client while a version is taken, max (longest stall)`,
      v.duringRelay.max,
      RELAY_DURING_VERSION_GOAL_MS,
      ` (p50 ${formatMs(v.duringRelay.p50)})`,
    ),
  )
  report.note(
    `versions, ${count(v.shapes)} shapes: ${v.takeMs.count} named versions of a ` +
      `${(v.versionBytes / 1e6).toFixed(1)} MB document, taken one after another: min ` +
      `${formatMs(v.takeMs.min)} max ${formatMs(v.takeMs.max)}; ${v.duringRelay.count} edits ` +
      `relayed while one was taken, ${v.idleRelay.count} with none (p99 ` +
      `${formatMs(v.idleRelay.p99)}, max ${formatMs(v.idleRelay.max)}); ` +
      report.cpu(`versions, ${count(v.shapes)} shapes`, v.cpu),
  )

  progress(`the diff of two versions of a ${count(DIFF_ITEMS)}-item board`)
  const d = await measureVersionDiff(DIFF_ITEMS)
  report.row(
    latencyRow(
      `diff of two versions, ${count(d.items)} items (read, compare, markdown), p50`,
      d.pureMs.p50,
      DIFF_GOAL_MS,
    ),
    latencyRow(
      `diff of two versions, ${count(d.items)} items (GET …/diff.md?from&to), p50`,
      d.routeMs.p50,
      DIFF_GOAL_MS,
    ),
    latencyRow(
      `diff of a version and now, ${count(d.items)} items (GET …/diff.md?from), p50`,
      d.routeNowMs.p50,
      undefined,
    ),
  )
  report.note(
    `diff, ${count(d.items)} items on ${d.canvases} canvases, a tenth changed, ${d.lines} lines ` +
      `of markdown: reading both boards' canvases p50 ${formatMs(d.readMs.p50)}, comparing ` +
      `${formatMs(d.diffMs.p50)}, markdown ${formatMs(d.markdownMs.p50)}, decoding both ` +
      `snapshots beforehand ${formatMs(d.decodeMs.p50)} (min ${formatMs(d.decodeMs.min)}); ` +
      `${d.pureMs.count} runs each, after ${d.warmup} to warm up; route p99 ` +
      `${formatMs(d.routeMs.p99)}; ${report.cpu(`diff, ${count(d.items)} items`, d.cpu)}`,
  )

  progress(`opening a board with ${count(COMMENT_THREADS)} comment threads`)
  const c = await measureCommentsOpen(COMMENT_THREADS)
  report.row(
    latencyRow(
      `comments synced, ${count(c.threads)} threads, fresh client after restart`,
      c.coldMs,
      undefined,
    ),
    latencyRow(
      `comments synced, ${count(c.threads)} threads, fresh client (room loaded), p50`,
      c.warmMs.p50,
      undefined,
    ),
    latencyRow(`GET …/comments, ${count(c.threads)} threads, p50`, c.listMs.p50, undefined),
  )
  report.note(
    `comments, ${count(c.threads)} threads: the synced document read as the panel reads it p50 ` +
      `${formatMs(c.readMs.p50)}; warm sync max ${formatMs(c.warmMs.max)}; GET answers ` +
      `${(c.listBytes / 1e3).toFixed(0)} kB, p99 ${formatMs(c.listMs.p99)}; first client ` +
      `${report.cpu(`comments, ${count(c.threads)} threads`, c.coldCpu)}`,
  )
}
