import type { TestClient } from '../test/helpers/clients.js'
import type { Receiver } from './receivers.js'
import { encodeRecord } from '../shared/doc/layout.js'
import { geoShape } from './shapes.js'
import { clock, waitUntil } from './wait.js'

let nextRun = 1
/** Record ids are unique per run, so one run never counts another run's updates. */
const runPrefix = (kind: string) => `shape:${kind}-${nextRun++}-`

/** Subscribes to every receiver; `onRecord` gets the receiver's index. Returns the undo. */
function observeAll(
  receivers: readonly Receiver[],
  prefix: string,
  onRecord: (index: number, key: string, value: unknown, receivedAt: number) => void,
) {
  const undo = receivers.map((r, index) =>
    r.observe(prefix, (key, value, receivedAt) => onRecord(index, key, value, receivedAt)),
  )
  return () => undo.forEach((u) => u())
}

export interface FanoutOptions {
  writer: TestClient
  receivers: readonly Receiver[]
  ratePerSecond: number
  durationMs: number
  /** Updates sent during this lead-in are not counted (JIT, socket buffers). */
  warmupMs: number
  /** How long to wait for stragglers after the last update was sent. */
  drainTimeoutMs?: number
}

export interface FanoutResult {
  /** now - sentAt for every (counted update, receiver) pair, in ms. */
  latencies: number[]
  /** The same latencies by receiver, at its index in `receivers`: to compare groups of them. */
  byReceiver: number[][]
  /** Per counted update, the latency of the first receiver to see it: nearest the server's own. */
  firstArrivals: number[]
  /** Per counted update, the latency of the last receiver to see it. */
  lastArrivals: number[]
  sent: number
  expected: number
  received: number
  /** Counted updates per second the writer actually sent (timers can make it fall behind). */
  actualRate: number
}

/**
 * One writer sets one record per update at a fixed rate; every receiver records how long each
 * update took to reach it. Each update gets its own record id: updates to one id that the
 * server merges would reach clients as one change, silently dropping the slowest samples.
 */
export async function measureFanout(o: FanoutOptions): Promise<FanoutResult> {
  const prefix = runPrefix('fanout')
  const interval = 1000 / o.ratePerSecond
  const warmup = Math.round((o.ratePerSecond * o.warmupMs) / 1000)
  const total = warmup + Math.round((o.ratePerSecond * o.durationMs) / 1000)
  const counted = total - warmup
  const expected = counted * o.receivers.length

  const latencies: number[] = []
  const byReceiver = o.receivers.map((): number[] => [])
  const first = new Array<number>(counted).fill(Number.POSITIVE_INFINITY)
  const last = new Array<number>(counted).fill(Number.NEGATIVE_INFINITY)
  // Receivers see record ids; each id is matched with the writer's own send time.
  const sentAt: number[] = []
  const stopObserving = observeAll(o.receivers, prefix, (index, key, _value, receivedAt) => {
    const seq = Number(key.slice(prefix.length))
    const at = sentAt[seq]
    if (at === undefined || seq < warmup) return
    const latency = receivedAt - at
    latencies.push(latency)
    byReceiver[index]!.push(latency)
    const slot = seq - warmup
    first[slot] = Math.min(first[slot]!, latency)
    last[slot] = Math.max(last[slot]!, latency)
  })

  const write = (seq: number) => {
    const id = `${prefix}${seq}`
    sentAt[seq] = clock()
    o.writer.records.set(id, encodeRecord(geoShape(id, seq, { seq })))
  }

  // Paced against the start time, so timer lateness does not lower the rate; bounded by `total`.
  let sent = 0
  const startedAt = performance.now()
  let measuredFrom = startedAt
  await new Promise<void>((resolve) => {
    const tick = () => {
      const due = Math.min(total, Math.floor((performance.now() - startedAt) / interval) + 1)
      while (sent < due) {
        if (sent === warmup) measuredFrom = performance.now()
        write(sent++)
      }
      if (sent >= total) return resolve()
      setTimeout(tick, Math.max(0, startedAt + sent * interval - performance.now()))
    }
    tick()
  })
  const actualRate = (counted / Math.max(1, performance.now() - measuredFrom)) * 1000

  await waitUntil(() => latencies.length >= expected, o.drainTimeoutMs ?? 5_000)
  stopObserving()
  const seen = (v: number) => Number.isFinite(v)
  return {
    latencies,
    byReceiver,
    firstArrivals: first.filter(seen),
    lastArrivals: last.filter(seen),
    sent: counted,
    expected,
    received: latencies.length,
    actualRate,
  }
}

export interface BurstOptions {
  writer: TestClient
  receivers: readonly Receiver[]
  updates: number
  timeoutMs?: number
}

export interface BurstResult {
  /** From the first write until the last receiver has every update, in ms (NaN if timed out). */
  wallMs: number
  /** Until the first receiver had every update. */
  firstCompleteMs: number
  /** How long the writer's synchronous loop took (encoding and sending 1,000 frames). */
  writeMs: number
  completeReceivers: number
}

/**
 * The writer creates `updates` shapes in one synchronous loop, one transaction each (so the
 * client sends one frame per shape), and the time is taken until every receiver has them all.
 */
export async function measureBurst(o: BurstOptions): Promise<BurstResult> {
  const prefix = runPrefix('burst')
  const counts = new Array<number>(o.receivers.length).fill(0)
  const completedAt: number[] = []
  let startedAt = 0
  let allDone: () => void = () => {}
  const done = new Promise<void>((resolve) => (allDone = resolve))
  const stopObserving = observeAll(o.receivers, prefix, (index, _key, _value, receivedAt) => {
    counts[index]!++
    if (counts[index] !== o.updates) return
    completedAt.push(receivedAt - startedAt)
    if (completedAt.length === o.receivers.length) allDone()
  })

  startedAt = clock()
  for (let i = 0; i < o.updates; i++) {
    const id = `${prefix}${i}`
    o.writer.records.set(id, encodeRecord(geoShape(id, i)))
  }
  const writeMs = clock() - startedAt

  let timer: NodeJS.Timeout | undefined
  const finished = await Promise.race([
    done.then(() => true),
    new Promise<false>(
      (resolve) => (timer = setTimeout(() => resolve(false), o.timeoutMs ?? 30_000)),
    ),
  ])
  clearTimeout(timer)
  stopObserving()
  return {
    wallMs: finished ? Math.max(...completedAt) : Number.NaN,
    firstCompleteMs: completedAt.length > 0 ? Math.min(...completedAt) : Number.NaN,
    writeMs,
    completeReceivers: completedAt.length,
  }
}
