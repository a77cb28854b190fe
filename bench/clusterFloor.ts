import { Redis } from 'ioredis'
import * as Y from 'yjs'
import { createPostgresPersistence } from '../server/persistence/postgres/PostgresPersistence.js'
import { startBareClusterServer } from './bareClusterServer.js'
import { connectClient, type TestClient } from '../test/helpers/clients.js'
import { ClientPool } from './clientPool.js'
import { fanoutCase, FANOUT_RATE } from './fanoutCase.js'
import { clientReceiver } from './receivers.js'
import type { ReferenceServer } from './referenceServer.js'
import type { Report } from './report.js'
import { summarize } from './stats.js'
import { clock, withTimeout } from './wait.js'

/**
 * What any server that stores an edit in PostgreSQL before relaying it, and relays it to other
 * instances through Redis, cannot avoid on this machine: one durable commit of each update, one
 * Redis pub/sub hop, each at the fan-out pace, and the whole of it on two bare servers that do
 * nothing else (bareClusterServer.ts).
 */

const PACE_MS = 1000 / FANOUT_RATE
const SAMPLES = 200

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Small real updates, as a writer's edits are. */
function updates(count: number) {
  const doc = new Y.Doc()
  const out: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => out.push(update))
  const map = doc.getMap('shapes')
  for (let i = 0; i < count; i++) map.set(`shape-${i % 50}`, { x: i, y: i * 2 })
  doc.destroy()
  return out
}

/** The store's own append at the fan-out pace: what each edit waits for before its relay. */
export async function measurePacedPostgresAppend(databaseUrl: string): Promise<number[]> {
  const store = await createPostgresPersistence(databaseUrl, { durability: 'full' })
  const times: number[] = []
  try {
    const boardId = 'commit-probe'
    await store.createBoard({ id: boardId, title: 'commit probe', now: Date.now() })
    for (const update of updates(SAMPLES)) {
      await pause(PACE_MS)
      const start = performance.now()
      await store.appendUpdate(boardId, update, Date.now())
      times.push(performance.now() - start)
    }
  } finally {
    await store.close()
  }
  return times
}

/** One Redis pub/sub hop at the fan-out pace: from publishing to the subscriber's receipt. */
export async function measurePacedRedisHop(redisUrl: string): Promise<number[]> {
  const pub = new Redis(redisUrl)
  const sub = new Redis(redisUrl)
  const times: number[] = []
  try {
    const channel = 'discovery-board:bench-hop'
    let sentAt = 0
    let received: (() => void) | undefined
    sub.on('messageBuffer', () => {
      times.push(performance.now() - sentAt)
      received?.()
    })
    await sub.subscribe(channel)
    await pub.ping()
    for (const update of updates(SAMPLES)) {
      await pause(PACE_MS)
      const arrived = new Promise<void>((resolve) => (received = resolve))
      sentAt = performance.now()
      void pub.publish(channel, Buffer.from(update))
      await withTimeout(arrived, 5_000, 'a Redis message')
    }
  } finally {
    pub.disconnect()
    sub.disconnect()
  }
  return times
}

/**
 * The same split as the real servers' case (the writer and half the clients on one instance, the
 * other half on a second) on two bare store-then-relay servers: the p50 of the clients on the
 * writer's other instance is the lowest this machine allows any such cluster.
 */
export async function bareCrossInstanceP50(
  report: Report,
  env: { DATABASE_URL: string; REDIS_URL: string },
  clients: number,
): Promise<{ near: number; far: number }> {
  const servers: ReferenceServer[] = []
  let writer: TestClient | undefined
  const pools: ClientPool[] = []
  try {
    servers.push(await startBareClusterServer(env))
    servers.push(await startBareClusterServer(env))
    const [a, b] = servers as [ReferenceServer, ReferenceServer]
    writer = connectClient(a.wsUrl, 'fan-out')
    await withTimeout(writer.synced, 10_000, 'writer syncing')
    const near = new ClientPool(a.wsUrl, 'fan-out')
    const far = new ClientPool(b.wsUrl, 'fan-out')
    pools.push(near, far)
    await near.growTo(clients / 2)
    await far.growTo(clients / 2)
    const receivers = [...near.clients, ...far.clients].map((c) => clientReceiver(c, clock))
    const label = `${clients} clients across two bare store-then-relay servers (${clients / 2} on each)`
    const r = await fanoutCase(report, servers, writer, receivers, label, undefined)
    return {
      near: summarize(r.byReceiver.slice(0, near.clients.length).flat()).p50,
      far: summarize(r.byReceiver.slice(near.clients.length).flat()).p50,
    }
  } finally {
    writer?.destroy()
    for (const pool of pools) pool.destroy()
    for (const server of servers) await server.stop()
  }
}
