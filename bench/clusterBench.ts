import { basename, dirname } from 'node:path'
import { connectClient, createBoard, type TestClient } from '../test/helpers/clients.js'
import { postgresBin, startTestPostgres, type TestPostgres } from '../test/helpers/postgres.js'
import { redisInstalled, startTestRedis, type TestRedis } from '../test/helpers/redis.js'
import { removeDataDir, startBenchServer, type BenchServer } from './benchServer.js'
import { ClientPool } from './clientPool.js'
import {
  bareCrossInstanceP50,
  measurePacedPostgresAppend,
  measurePacedRedisHop,
} from './clusterFloor.js'
import { fanoutCase } from './fanoutCase.js'
import { ingestionRows } from './hypothesisBench.js'
import { measureIngestion } from './ingestion.js'
import { measureInitialSync } from './initialSync.js'
import { clientReceiver } from './receivers.js'
import { progress, type Report } from './report.js'
import { formatMb, formatMs, summarize } from './stats.js'
import { latencyRow } from './table.js'
import { clock, withTimeout } from './wait.js'

/**
 * Several instances on PostgreSQL and Redis (docs/deploy.md): fan-out with the clients split
 * across two instances against the same clients on one, cold load of a large board from
 * PostgreSQL, and ingestion on PostgreSQL. The bench starts PostgreSQL and Redis itself, in
 * temporary folders on free ports, and removes them after (on an interrupt too).
 */

const CLUSTER_FANOUT_CLIENTS = [20, 100] as const
/** Updates crossing from one instance to the other, at 20 clients. */
const CROSS_INSTANCE_GOAL = { clients: 20, p50: 3 }
/** Hocuspocus with its Redis extension, the same clients split across two instances. */
const HOCUSPOCUS_REDIS_P50_MS = 4.2
const COLD_LOAD_GOAL = { shapes: 20_000, ms: 600 }

const count = (n: number) => n.toLocaleString('en-US')

/** Skips what cannot run here, saying so on stderr and in the report. */
function skipped(report: Report, what: string, reason: string) {
  const line = `cluster: ${what} skipped: ${reason}`
  progress(line)
  report.note(line)
}

/** A board with a synced writer on `server`. */
async function boardWithWriter(server: BenchServer) {
  const boardId = await createBoard(server.url, 'fan-out')
  const writer = connectClient(server.wsUrl, boardId)
  await withTimeout(writer.synced, 10_000, 'writer syncing')
  return { boardId, writer }
}

/** The writer and every client on one instance on PostgreSQL, without Redis. */
async function oneInstanceFanout(report: Report, postgres: TestPostgres) {
  const server = await startBenchServer(undefined, {
    DATABASE_URL: await postgres.createDatabase(),
  })
  let writer: TestClient | undefined
  let clients: ClientPool | undefined
  const p50s = new Map<number, number>()
  try {
    const board = await boardWithWriter(server)
    writer = board.writer
    clients = new ClientPool(server.wsUrl, board.boardId)
    for (const n of CLUSTER_FANOUT_CLIENTS) {
      await clients.growTo(n)
      const receivers = clients.clients.map((c) => clientReceiver(c, clock))
      const label = `${n} clients, one instance on PostgreSQL`
      const r = await fanoutCase(report, [server], writer, receivers, label, undefined)
      p50s.set(n, r.p50)
    }
  } finally {
    writer?.destroy()
    clients?.destroy()
    await server.stop()
    removeDataDir(server.dataDir)
  }
  return p50s
}

/**
 * The writer on instance A, half the clients on A and half on B, one PostgreSQL database and one
 * Redis: the clients on B see each update only once it has crossed Redis.
 */
async function twoInstanceFanout(
  report: Report,
  postgres: TestPostgres,
  redis: TestRedis,
  oneInstance: ReadonlyMap<number, number>,
) {
  const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url }
  const servers: BenchServer[] = []
  let writer: TestClient | undefined
  const pools: ClientPool[] = []
  let crossedAtGoal: number | undefined
  try {
    // One after the other, so that a failed start leaves only started servers to stop.
    servers.push(await startBenchServer(undefined, env))
    servers.push(await startBenchServer(undefined, env))
    const [a, b] = servers as [BenchServer, BenchServer]
    const board = await boardWithWriter(a)
    writer = board.writer
    const near = new ClientPool(a.wsUrl, board.boardId)
    const far = new ClientPool(b.wsUrl, board.boardId)
    pools.push(near, far)
    for (const n of CLUSTER_FANOUT_CLIENTS) {
      await near.growTo(n / 2)
      await far.growTo(n / 2)
      const receivers = [...near.clients, ...far.clients].map((c) => clientReceiver(c, clock))
      const label = `${n} clients across two instances (${n / 2} on each), PostgreSQL + Redis`
      const r = await fanoutCase(report, servers, writer, receivers, label, undefined)
      const crossed = summarize(r.byReceiver.slice(near.clients.length).flat())
      const stayed = summarize(r.byReceiver.slice(0, near.clients.length).flat())
      const goal = n === CROSS_INSTANCE_GOAL.clients ? CROSS_INSTANCE_GOAL.p50 : undefined
      if (goal !== undefined) crossedAtGoal = crossed.p50
      const other = `${n} clients across two instances: the ${n / 2} on the writer's other instance`
      report.row(
        latencyRow(`cross-instance fan-out p50, ${other}`, crossed.p50, goal),
        latencyRow(`cross-instance fan-out p99, ${other}`, crossed.p99, undefined),
      )
      const single = oneInstance.get(n)
      report.note(
        `cross-instance, ${n} clients: the ${n / 2} on the writer's instance p50 ` +
          `${formatMs(stayed.p50)} p99 ${formatMs(stayed.p99)}, the ${n / 2} on the other ` +
          `p50 ${formatMs(crossed.p50)} p99 ${formatMs(crossed.p99)}` +
          (single === undefined
            ? ''
            : `; all ${n} on one instance (no Redis) p50 ${formatMs(single)}`) +
          (goal === undefined
            ? ''
            : `; goal ≤ ${goal} ms for those on the other instance (Hocuspocus with its Redis ` +
              `extension measured ${HOCUSPOCUS_REDIS_P50_MS} ms on this machine, not rerun here)`),
      )
    }
  } finally {
    writer?.destroy()
    for (const pool of pools) pool.destroy()
    for (const server of servers) {
      await server.stop()
      removeDataDir(server.dataDir)
    }
  }
  return crossedAtGoal
}

/**
 * What this machine allows any cluster that stores each edit in PostgreSQL before relaying it and
 * relays it through Redis: the same clients on two bare store-then-relay servers, and the two
 * steps every edit crossing instances waits for (a durable commit, a Redis hop), paced.
 */
async function crossInstanceFloor(
  report: Report,
  postgres: TestPostgres,
  redis: TestRedis,
  measured: number | undefined,
) {
  const { clients } = CROSS_INSTANCE_GOAL
  progress('what any store-then-relay cluster gets here: bare servers, a commit, a Redis hop')
  const env = { DATABASE_URL: await postgres.createDatabase(), REDIS_URL: redis.url }
  const bare = await bareCrossInstanceP50(report, env, clients)
  const commit = summarize(await measurePacedPostgresAppend(await postgres.createDatabase()))
  const hop = summarize(await measurePacedRedisHop(redis.url))
  const other = `${clients} clients across two bare store-then-relay servers: the ${clients / 2} on the writer's other one`
  report.row(
    latencyRow(`cross-instance fan-out p50, ${other}`, bare.far, undefined),
    latencyRow(
      'durable append of one update to PostgreSQL at the fan-out pace, p50',
      commit.p50,
      undefined,
    ),
    latencyRow('Redis pub/sub hop at the fan-out pace, p50', hop.p50, undefined),
  )
  report.note(
    `bare store-then-relay servers (an INSERT, a PUBLISH, a relay; nothing else), ${clients} ` +
      `clients: the ${clients / 2} on the writer's server p50 ${formatMs(bare.near)}, the ` +
      `${clients / 2} on the other p50 ${formatMs(bare.far)}` +
      (measured === undefined ? '' : ` (this server: ${formatMs(measured)})`) +
      `; every edit that crosses waits for a durable append (p50 ${formatMs(commit.p50)}, p99 ` +
      `${formatMs(commit.p99)}) and a Redis hop (p50 ${formatMs(hop.p50)}, p99 ` +
      `${formatMs(hop.p99)})`,
  )
}

/** A fresh instance loading a large board from PostgreSQL for its first client. */
async function coldLoad(report: Report, postgres: TestPostgres, redis: TestRedis | undefined) {
  const { shapes, ms: goal } = COLD_LOAD_GOAL
  progress(`cold load of a stored ${count(shapes)}-shape board from PostgreSQL`)
  const env: Record<string, string> = { DATABASE_URL: await postgres.createDatabase() }
  if (redis) env.REDIS_URL = redis.url
  const r = await measureInitialSync(shapes, env)
  const where = redis ? 'PostgreSQL + Redis' : 'PostgreSQL'
  const label = `${count(shapes)} shapes from ${where}`
  report.row(latencyRow(`fresh client synced, ${label}, freshly started instance`, r.coldMs, goal))
  report.note(
    `cold load, ${label}: document ${formatMb(r.docBytes)}; first client ` +
      `${report.cpu(`cold load, ${label}`, r.coldCpu)}; a second fresh client (room loaded) ` +
      `${formatMs(r.warmMs)}; building the board took ${formatMs(r.buildMs)}`,
  )
}

async function postgresIngestion(report: Report, postgres: TestPostgres) {
  progress('ingestion on PostgreSQL: one request of 1,000 rows, then 100 parallel of 10 rows')
  const r = await measureIngestion(undefined, { DATABASE_URL: await postgres.createDatabase() })
  ingestionRows(report, r.single, ' on PostgreSQL')
  ingestionRows(report, r.parallel, ' on PostgreSQL')
}

/** The `cluster` section: needs Debian's `postgresql`, and `redis-server` for two instances. */
export async function clusterSection(report: Report) {
  const bin = postgresBin()
  if (!bin) {
    skipped(report, 'every row', 'PostgreSQL is not installed (apt-get install postgresql)')
    return
  }
  progress('starting PostgreSQL and Redis in temporary folders')
  const postgres = await startTestPostgres({ durable: true })
  let redis: TestRedis | undefined
  try {
    if (redisInstalled()) redis = await startTestRedis()
    report.note(
      `cluster: PostgreSQL ${basename(dirname(bin))} with its default durability (fsync, ` +
        `synchronous commit)${redis ? ' and Redis' : ''}, started by the bench on this ` +
        'machine; servers with full durability. CPU "server" counts every instance of a case; ' +
        `PostgreSQL${redis ? ' and Redis' : ''} count among "other processes"`,
    )
    const oneInstance = await oneInstanceFanout(report, postgres)
    if (redis) {
      const crossed = await twoInstanceFanout(report, postgres, redis, oneInstance)
      await crossInstanceFloor(report, postgres, redis, crossed)
    } else {
      skipped(
        report,
        'fan-out across two instances',
        'Redis is not installed (apt-get install redis-server)',
      )
    }
    await coldLoad(report, postgres, redis)
    await postgresIngestion(report, postgres)
  } finally {
    await redis?.destroy()
    await postgres.destroy()
  }
}
