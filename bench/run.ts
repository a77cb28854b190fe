import { cpus } from 'node:os'
import { connectClient, type TestClient } from '../test/helpers/clients.js'
import { benchServerKind, removeDataDir, startBenchServer } from './benchServer.js'
import { bundleSection } from './bundles.js'
import { clusterSection } from './clusterBench.js'
import { ClientPool } from './clientPool.js'
import { startCpuMeter } from './cpu.js'
import { measureDiskSync, measurePacedDiskSync } from './diskSync.js'
import { measureBurst } from './fanout.js'
import {
  FANOUT_RATE,
  FANOUT_WARMUP_MS,
  fanoutCase,
  type LatencyGoal,
  type Measured,
} from './fanoutCase.js'
import { historySection } from './historyBench.js'
import { hypothesisSection } from './hypothesisBench.js'
import { portfolioSection } from './portfolioBench.js'
import { measureInitialSync } from './initialSync.js'
import { CursorRate, measurePresence } from './presence.js'
import { readProcessMemory } from './memory.js'
import { startReferenceServer } from './referenceServer.js'
import { clientReceiver, type Receiver } from './receivers.js'
import { progress, Report } from './report.js'
import { formatMb, formatMs, summarize } from './stats.js'
import { latencyRow, rowWithCeiling, type Row } from './table.js'
import { clock, withTimeout } from './wait.js'
import { WireReceiverPool } from './wireReceivers.js'

/**
 * `npm run bench`: starts the server as its own process, drives it with standard y-websocket
 * clients in this process and prints one table. Each section adds rows and notes to the report;
 * a new measure is a new section. Progress goes to stderr, the report to stdout.
 */

const FANOUT_CLIENTS = [2, 20, 100] as const
const RAW_FANOUT_SOCKETS = [20, 100] as const
const BURST_UPDATES = 1_000
/** The goals hold with full durability: every commit synced to disk before anyone sees it. */
const BURST_GOAL_MS = 1_100
const INITIAL_SYNC_SHAPES = [4_000, 20_000] as const
const INITIAL_SYNC_GOAL = { shapes: 20_000, ms: 500 }
const PRESENCE_PARTICIPANTS = [50, 200] as const
const PRESENCE_MS = 3_000
const PRESENCE_GOAL = { participants: 50, p99: 50 }
/**
 * An idle server is one that has finished starting: V8 gives back what start-up used once it
 * has seen no work for a while (its memory reducer starts after about 8 s of quiet).
 */
const IDLE_SETTLE_MS = 20_000
/** Resident memory of the compiled server (full durability), in bytes. */
const MEMORY_GOALS = { idle: 70e6, hundredClients: 90e6 }

/** Goals by number of clients; a case without one is reported without a verdict. */
/** The lock check may cost fan-out at most this much (p50 with a lock over p50 without). */
const LOCK_CHECK_GOAL = 1.1
const FANOUT_GOALS: Partial<Record<number, LatencyGoal>> = { 20: { p50: 1.6, p99: 15 } }

/** What each durability level promises (README, docs/operations.md); measured side by side. */
const DURABILITY_LEVELS = ['full', 'relaxed'] as const
type DurabilityLevel = (typeof DURABILITY_LEVELS)[number]

// Each y-websocket provider adds a process 'exit' listener; 100+ of them are expected here.
process.setMaxListeners(0)
// Exiting runs the 'exit' hook that kills any server process still running.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(130))

const count = (n: number) => n.toLocaleString('en-US')

/** Creates a board and returns its id and owner key (the owner may lock). */
async function createOwnedBoard(url: string, title: string) {
  const res = await fetch(`${url}/api/boards`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ title }),
  })
  if (res.status !== 201) throw new Error(`create board failed: ${res.status}`)
  const board = (await res.json()) as { id: string; ownerKey: string }
  return { boardId: board.id, ownerKey: board.ownerKey }
}

/** Adds a canvas to the board and locks it as the owner; returns how to unlock it. */
async function lockACanvas(url: string, boardId: string, ownerKey: string) {
  const call = async (path: string, body: unknown) => {
    const res = await fetch(`${url}/api/boards/${boardId}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${ownerKey}`,
        'x-participant': 'bench-facilitator'.padEnd(40, 'x'),
      },
      body: JSON.stringify(body),
    })
    if (!res.ok) throw new Error(`${path} failed: ${res.status} ${await res.text()}`)
    return res.json() as Promise<{ id?: string }>
  }
  const canvas = await call('/canvases', { kind: 'lean', title: 'Locked during the bench' })
  const scope = { kind: 'canvas', canvasId: canvas.id }
  await call('/workshop', { type: 'lock', scope, locked: true })
  return async () => {
    await call('/workshop', { type: 'lock', scope, locked: false })
  }
}

async function burstCase(
  report: Report,
  server: Measured,
  writer: TestClient,
  receivers: readonly Receiver[],
  label: string,
  goalMs?: number,
) {
  progress(`burst of ${BURST_UPDATES} updates to ${label}`)
  const cpu = startCpuMeter(server.pid)
  const r = await measureBurst({ writer, receivers, updates: BURST_UPDATES })
  const cpuNote = report.cpu(`burst, ${label}`, cpu())
  const incomplete =
    r.completeReceivers < receivers.length ? ` (only ${r.completeReceivers} complete)` : ''
  const measure = `burst of ${count(BURST_UPDATES)} updates → all of ${label}`
  const result = formatMs(r.wallMs) + incomplete
  report.row(
    goalMs === undefined
      ? { measure, result }
      : rowWithCeiling(measure, result, r.wallMs, goalMs, `≤ ${goalMs / 1000} s`),
  )
  report.note(
    `burst, ${label}: writer loop ${formatMs(r.writeMs)}, first receiver complete ` +
      `${formatMs(r.firstCompleteMs)}; ${cpuNote}`,
  )
}

/**
 * Fan-out, burst and memory share one server process and one board. Goals apply to full
 * durability; relaxed runs the same clients for comparison.
 */
/** Figures one realtime run hands to the next: what full durability adds over relaxed. */
interface RealtimeFigures {
  /** One disk sync at the fan-out pace. */
  diskSyncP50?: number
  p50At20?: number
  /** The reference server's 20-client p50: relaying and the clients' own work, no storage. */
  referenceP50At20?: number
}

async function realtimeSection(
  report: Report,
  durability: DurabilityLevel,
  figures: RealtimeFigures,
) {
  const server = await startBenchServer(undefined, { DURABILITY: durability })
  const full = durability === 'full'
  const tag = full ? '' : `, ${durability} durability`
  const memoryRows: Row[] = []
  const memory = (label: string, goalBytes?: number) => {
    const mem = readProcessMemory(server.pid)
    const measure = `server RSS, ${label}${tag}`
    const result = mem ? formatMb(mem.rssBytes) : 'n/a'
    memoryRows.push(
      goalBytes === undefined || !full || benchServerKind !== 'compiled'
        ? { measure, result }
        : rowWithCeiling(
            measure,
            result,
            mem?.rssBytes ?? NaN,
            goalBytes,
            `≤ ${formatMb(goalBytes)}`,
          ),
    )
    return mem
  }
  let writer: TestClient | undefined
  let clients: ClientPool | undefined
  let raw: WireReceiverPool | undefined
  try {
    memory('just started')
    if (full) {
      progress(`waiting ${IDLE_SETTLE_MS / 1000} s for the idle server to settle`)
      await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS))
      memory(`idle (${IDLE_SETTLE_MS / 1000} s after start)`, MEMORY_GOALS.idle)
      const busy = summarize(measureDiskSync(server.dataDir))
      const paceMs = 1000 / FANOUT_RATE
      const paced = summarize(await measurePacedDiskSync(server.dataDir, paceMs))
      figures.diskSyncP50 = paced.p50
      report.row(
        {
          measure: 'disk sync (fdatasync) under DATA_DIR, back to back, p50',
          result: formatMs(busy.p50),
        },
        {
          measure: `disk sync under DATA_DIR at the fan-out pace (one every ${paceMs} ms), p50`,
          result: formatMs(paced.p50),
        },
      )
      report.note(
        `full durability waits for one WAL sync per edit (shared by every edit of that moment): ` +
          `fdatasync on this disk back to back p50 ${formatMs(busy.p50)} p99 ` +
          `${formatMs(busy.p99)}; one every ${paceMs} ms, as the fan-out cases send, p50 ` +
          `${formatMs(paced.p50)} p99 ${formatMs(paced.p99)}`,
      )
    }
    const { boardId, ownerKey } = await createOwnedBoard(server.url, 'fan-out')
    writer = connectClient(server.wsUrl, boardId)
    await withTimeout(writer.synced, 10_000, 'writer syncing')

    clients = new ClientPool(server.wsUrl, boardId)
    for (const n of FANOUT_CLIENTS) {
      await clients.growTo(n)
      if (n === 100) memory('100 clients + writer connected', MEMORY_GOALS.hundredClients)
      const receivers = clients.clients.map((c) => clientReceiver(c, clock))
      const goal = full ? FANOUT_GOALS[n] : undefined
      const label = `${n} clients${tag}`
      const { p50 } = await fanoutCase(report, [server], writer, receivers, label, goal)
      if (n === 20 && !full) figures.p50At20 = p50
      if (n === 20 && full) {
        // While anything is locked, every update is read and checked against the locks.
        const unlock = await lockACanvas(server.url, boardId, ownerKey)
        const lockedLabel = `${n} clients, a canvas locked elsewhere`
        const locked = (
          await fanoutCase(report, [server], writer, receivers, lockedLabel, undefined)
        ).p50
        await unlock()
        report.row(
          rowWithCeiling(
            `lock check: fan-out p50 with a lock / without, ${n} clients`,
            `${((locked / p50) * 100).toFixed(0)} %`,
            locked / p50,
            LOCK_CHECK_GOAL,
            `≤ ${(LOCK_CHECK_GOAL * 100).toFixed(0)} %`,
          ),
        )
      }
    }
    const receivers = clients.clients.map((c) => clientReceiver(c, clock))
    const label = `${receivers.length} clients${tag}`
    await burstCase(report, server, writer, receivers, label, full ? BURST_GOAL_MS : undefined)
    clients.destroy()
    if (!full) return

    // The same cases with raw sockets: what is left is mostly the server's delivery time.
    raw = new WireReceiverPool(server.wsUrl, boardId, clock)
    for (const n of RAW_FANOUT_SOCKETS) {
      await raw.growTo(n)
      await fanoutCase(report, [server], writer, raw.receivers, `${n} raw sockets`, undefined)
    }
    await burstCase(report, server, writer, raw.receivers, `${raw.receivers.length} raw sockets`)
    const end = memory('at the end of the realtime cases')
    if (end)
      report.note(`server peak RSS (VmHWM) over the realtime cases: ${formatMb(end.peakRssBytes)}`)
  } finally {
    writer?.destroy()
    clients?.destroy()
    raw?.destroy()
    await server.stop()
    removeDataDir(server.dataDir)
  }
  report.row(...memoryRows)
}

/**
 * The same fan-out, burst and memory cases against the reference y-websocket server, which
 * relays from memory and stores nothing: what the same clients see from a server without
 * any storage, beside ours with every edit synced to disk first.
 */
async function referenceSection(report: Report, figures: RealtimeFigures) {
  progress('the reference y-websocket server, same clients')
  const server = await startReferenceServer()
  const tag = ', reference server (stores nothing)'
  const memoryRows: Row[] = []
  const memory = (label: string) => {
    const mem = readProcessMemory(server.pid)
    memoryRows.push({
      measure: `server RSS, ${label}${tag}`,
      result: mem ? formatMb(mem.rssBytes) : 'n/a',
    })
  }
  const boardId = 'fan-out'
  let writer: TestClient | undefined
  let clients: ClientPool | undefined
  try {
    memory('just started')
    await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS))
    memory(`idle (${IDLE_SETTLE_MS / 1000} s after start)`)
    writer = connectClient(server.wsUrl, boardId)
    await withTimeout(writer.synced, 10_000, 'writer syncing')
    clients = new ClientPool(server.wsUrl, boardId)
    for (const n of FANOUT_CLIENTS) {
      await clients.growTo(n)
      if (n === 100) memory('100 clients + writer connected')
      const receivers = clients.clients.map((c) => clientReceiver(c, clock))
      const { p50 } = await fanoutCase(
        report,
        [server],
        writer,
        receivers,
        `${n} clients${tag}`,
        undefined,
      )
      if (n === 20) figures.referenceP50At20 = p50
    }
    const receivers = clients.clients.map((c) => clientReceiver(c, clock))
    await burstCase(report, server, writer, receivers, `${receivers.length} clients${tag}`)
  } finally {
    writer?.destroy()
    clients?.destroy()
    await server.stop()
  }
  report.row(...memoryRows)
}

async function initialSyncSection(report: Report) {
  for (const shapes of INITIAL_SYNC_SHAPES) {
    progress(`initial sync of a stored ${shapes}-shape board after a restart`)
    const r = await measureInitialSync(shapes)
    const cpuNote = report.cpu(`initial sync, ${count(shapes)} shapes`, r.coldCpu)
    report.row(
      latencyRow(
        `fresh client synced, ${count(shapes)} shapes, after restart`,
        r.coldMs,
        shapes === INITIAL_SYNC_GOAL.shapes ? INITIAL_SYNC_GOAL.ms : undefined,
      ),
    )
    report.note(
      `initial sync, ${count(shapes)} shapes: document ${formatMb(r.docBytes)}; first client ` +
        `${cpuNote}; a second fresh client (room loaded) ${formatMs(r.warmMs)}; ` +
        `building the board took ${formatMs(r.buildMs)}`,
    )
  }
}

/** Everyone moving a cursor at once: presence fan-out with 50 and 200 participants. */
async function presenceSection(report: Report) {
  for (const n of PRESENCE_PARTICIPANTS) {
    progress(`presence: ${n} participants moving cursors at ${CursorRate}/s`)
    const r = await measurePresence(n, PRESENCE_MS, FANOUT_WARMUP_MS)
    const all = summarize(r.latencies)
    const goal = n === PRESENCE_GOAL.participants ? PRESENCE_GOAL.p99 : undefined
    report.row(
      latencyRow(`presence p50, ${n} participants moving cursors`, all.p50, undefined),
      latencyRow(`presence p99, ${n} participants moving cursors`, all.p99, goal),
    )
    report.note(
      `presence, ${n} participants: ${count(r.received)}/${count(r.expected)} cursor states ` +
        `timed at 10 of them, max ${formatMs(all.max)}; ${report.cpu(`presence, ${n}`, r.cpu)}`,
    )
  }
}

async function main() {
  const startedAt = performance.now()
  const report = new Report()
  report.note(
    `node ${process.version}, ${cpus().length} cores; server ${
      benchServerKind === 'compiled'
        ? 'compiled, started as npm run serve starts it'
        : 'from TypeScript through tsx (BENCH_SERVER=source)'
    }`,
  )
  // `npm run bench -- realtime` runs one section; no argument runs them all.
  const only = process.argv[2]
  const sections: Record<string, () => Promise<void>> = {
    bundles: async () => bundleSection(report, progress),
    realtime: async () => {
      const figures: RealtimeFigures = {}
      for (const level of DURABILITY_LEVELS) await realtimeSection(report, level, figures)
      await referenceSection(report, figures)
      const { diskSyncP50: sync, p50At20: relaxed, referenceP50At20: reference } = figures
      if (sync !== undefined && relaxed !== undefined && reference !== undefined) {
        // An edit is relayed only after its sync; what follows the relay (sending, the clients'
        // own work) is at best what the reference server's clients see.
        const floor = Math.min(relaxed, reference) + sync
        report.row({
          measure: 'floor of the full-durability fan-out p50, 20 clients on this machine',
          result: formatMs(floor),
        })
        report.note(
          `full durability cannot beat relaying from memory by less than one disk sync: the ` +
            `lower of the relaxed (${formatMs(relaxed)}) and reference server (` +
            `${formatMs(reference)}) 20-client p50, plus one sync at the fan-out pace (` +
            `${formatMs(sync)}), is ${formatMs(floor)}`,
        )
      }
    },
    'initial-sync': () => initialSyncSection(report),
    hypotheses: () => hypothesisSection(report),
    portfolio: () => portfolioSection(report),
    presence: () => presenceSection(report),
    cluster: () => clusterSection(report),
    history: () => historySection(report),
  }
  for (const [name, run] of Object.entries(sections)) {
    if (!only || only === name) await run()
  }
  report.note(`total bench time ${formatMs(performance.now() - startedAt)}`)
  console.log(report.render())
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error)
    process.exit(1)
  },
)
