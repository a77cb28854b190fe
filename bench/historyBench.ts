import type { Report } from './report.js'
import { progress } from './report.js'
import { formatMs } from './stats.js'
import { latencyRow } from './table.js'
import { measureVersionTaking } from './versionTaking.js'

const VERSION_SHAPES = 20_000
const VERSION_GOAL_MS = 100
/** "Not blocking the room": an edit relayed while a version is taken, worst case. */
const RELAY_DURING_VERSION_GOAL_MS = 50

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
    latencyRow(`edit relayed to another client, idle, p50`, v.idleRelay.p50, undefined),
    latencyRow(
      `edit relayed to another client while a version is taken, max`,
      v.duringRelay.max,
      RELAY_DURING_VERSION_GOAL_MS,
      ` (p50 ${formatMs(v.duringRelay.p50)})`,
    ),
  )
  report.note(
    `versions, ${count(v.shapes)} shapes: ${v.takeMs.count} named versions of ` +
      `${(v.versionBytes / 1e6).toFixed(1)} MB each, taken min ${formatMs(v.takeMs.min)} max ` +
      `${formatMs(v.takeMs.max)}; relayed edits idle ${v.idleRelay.count} (max ` +
      `${formatMs(v.idleRelay.max)}), during versions ${v.duringRelay.count}; ` +
      report.cpu(`versions, ${count(v.shapes)} shapes`, v.cpu),
  )
}
