import type { TestClient } from '../test/helpers/clients.js'
import { startCpuMeter } from './cpu.js'
import { measureFanout, type FanoutResult } from './fanout.js'
import type { Receiver } from './receivers.js'
import { progress, type Report } from './report.js'
import { formatMs, summarize } from './stats.js'
import { latencyRow } from './table.js'

/** Every fan-out case, on any server or servers, runs at this pace so that rows compare. */
export const FANOUT_RATE = 100
export const FANOUT_MS = 3_000
export const FANOUT_WARMUP_MS = 500

export interface LatencyGoal {
  p50: number
  p99: number
}

/** A server process a case measures the CPU of. */
export interface Measured {
  pid: number
}

const count = (n: number) => n.toLocaleString('en-US')

/**
 * One writer sends FANOUT_RATE updates a second for FANOUT_MS; adds the p50 and p99 rows of
 * every delivery (against `goal` when given) and a note with CPU (of all `servers` together).
 */
export async function fanoutCase(
  report: Report,
  servers: readonly Measured[],
  writer: TestClient,
  receivers: readonly Receiver[],
  label: string,
  goal: LatencyGoal | undefined,
): Promise<FanoutResult & { p50: number }> {
  progress(`fan-out to ${label} at ${FANOUT_RATE} updates/s for ${FANOUT_MS} ms`)
  const cpu = startCpuMeter(...servers.map((s) => s.pid))
  const r = await measureFanout({
    writer,
    receivers,
    ratePerSecond: FANOUT_RATE,
    durationMs: FANOUT_MS,
    warmupMs: FANOUT_WARMUP_MS,
  })
  const cpuNote = report.cpu(`fan-out, ${label}`, cpu())
  const all = summarize(r.latencies)
  const first = summarize(r.firstArrivals)
  const last = summarize(r.lastArrivals)
  const missing = r.received < r.expected ? ` (${count(r.expected - r.received)} missing)` : ''
  report.row(
    latencyRow(`fan-out p50, ${label}`, all.p50, goal?.p50, missing),
    latencyRow(`fan-out p99, ${label}`, all.p99, goal?.p99),
  )
  report.note(
    `fan-out, ${label}: ${count(r.received)}/${count(r.expected)} deliveries, writer at ` +
      `${r.actualRate.toFixed(0)}/s, max ${formatMs(all.max)}; first receiver of each update ` +
      `p50 ${formatMs(first.p50)} p99 ${formatMs(first.p99)}, last receiver p50 ` +
      `${formatMs(last.p50)} p99 ${formatMs(last.p99)}; ${cpuNote}`,
  )
  return { ...r, p50: all.p50 }
}
