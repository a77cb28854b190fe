import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCodes, closeCodeName } from '../../shared/protocol/closeCodes.js'
import { createBoard } from '../helpers/clients.js'
import { createFaultyPersistence, type FaultyPersistence } from '../helpers/faultyPersistence.js'
import { startTestPostgres, type TestPostgres } from '../helpers/postgres.js'
import { startTestRedis, type TestRedis } from '../helpers/redis.js'
import { makeDataDir, startTestServer, type TestServer } from '../helpers/server.js'
import { randomChange, type Author } from './edits.js'
import {
  assertSameDocument,
  FuzzFailure,
  mergeOffline,
  sameDocument,
  snapshotDoc,
  describeDifference,
  stateVectorText,
  hasPending,
} from './invariants.js'
import { uniqueClientId } from './memoryFuzz.js'
import { createRng, type Rng } from './prng.js'
import { inspectingWebSocket, StoredCoverage } from './storedCoverage.js'
import type { FuzzOptions, FuzzStats } from './types.js'
import { waitUntil } from './wait.js'

/**
 * The real transport: our server in this process, and standard y-websocket clients. Clients edit
 * at random while connections drop and come back, the server restarts on the same data, and the
 * store refuses writes for a while. Then everything heals and every client, the room and the
 * stored document must hold the union of all edits.
 *
 * With one instance (the default) the server keeps its boards in a SQLite file. With two, both
 * keep them in one PostgreSQL database and pass live traffic through one Redis, as a deployment
 * behind a load balancer does: the clients are split between them, a client that reconnects may
 * reach either, one instance at a time restarts or has its store refuse writes, and at the end
 * both instances' rooms must hold the union too. Either way one record of what the stores
 * accepted checks that nothing reaches a client before it is stored, whichever instance stored it.
 *
 * The order of actions follows the seed; the network's timing does not.
 */

/** Where two instances keep their boards and pass their messages; one set can serve many seeds. */
export interface ClusterServices {
  postgres: TestPostgres
  redis: TestRedis
}

export interface ServerFuzzOptions extends FuzzOptions {
  /** One server on SQLite (the default), or two sharing PostgreSQL and Redis. */
  instances?: 1 | 2
  /** PostgreSQL and Redis for two instances: each seed gets its own database. Started (and
   * stopped) for this run alone when left out. */
  services?: ClusterServices
}

interface ServerClient {
  index: number
  doc: Y.Doc
  provider: WebsocketProvider
  author: Author
  /** Every update this client made itself: the edits that must all survive. */
  madeHere: Uint8Array[]
  closes: number[]
  /** The instance it connects to (the next time, when it is connected elsewhere). */
  target: number
  /** While its instance restarts: it waits for that instance rather than moving. */
  waiting: boolean
}

/** One server instance of the run; `server` is the one last started (stopped while `stopped`). */
interface FuzzInstance {
  index: number
  dataDir: string
  server: TestServer
  fault: FaultyPersistence
  stopped: boolean
  /** Writes refused by the stores of earlier starts. */
  refusedBefore: number
}

const HealTimeoutMs = 20_000

export async function runServerFuzz(
  seed: number,
  options: ServerFuzzOptions = {},
): Promise<FuzzStats> {
  const started = performance.now()
  const rng = createRng(seed)
  const log = options.log ?? (() => {})
  const instanceCount = options.instances ?? 1
  const clientCount = options.clients ?? rng.int(3, 5)
  const steps = options.steps ?? rng.int(40, 90)
  const durability = rng.pick(['full', 'relaxed'] as const)
  const compactAfter = rng.pick([4, 16, 500])
  // Where a client goes after the server closed its connection: drawn as closes happen, which
  // the network's timing decides, so from a generator of its own that leaves the actions alone.
  const routeRng = instanceCount > 1 ? rng.fork() : undefined
  const maxRestarts = instanceCount > 1 ? 3 : 2
  log(
    `seed ${seed}: ${instanceCount > 1 ? `${instanceCount} instances, ` : ''}${clientCount} clients, ${steps} steps, ${durability} durability, compact after ${compactAfter}`,
  )
  const stats: FuzzStats = {
    transport: 'server',
    seed,
    clients: clientCount,
    steps,
    edits: 0,
    disconnects: 0,
    restarts: 0,
    faultWindows: 0,
    refused: 0,
    dropped: 0,
    ms: 0,
  }

  const coverage = new StoredCoverage()
  const fleet: FuzzInstance[] = []
  const clients: ServerClient[] = []
  const extraDocs: Y.Doc[] = []
  const extraProviders: WebsocketProvider[] = []
  let ownServices: ClusterServices | undefined
  try {
    let shared: { databaseUrl: string; redisUrl: string } | undefined
    if (instanceCount > 1) {
      const services = options.services ?? (ownServices = await startClusterServices())
      shared = {
        databaseUrl: await withDeadline(
          services.postgres.createDatabase(),
          10_000,
          'creating a database',
        ),
        redisUrl: services.redis.url,
      }
    }
    const start = async (instance: Omit<FuzzInstance, 'server' | 'fault'>, failWrites: boolean) => {
      let fault: FaultyPersistence | undefined
      const server = await withDeadline(
        startTestServer({
          dataDir: instance.dataDir,
          ...(shared ? { databaseUrl: shared.databaseUrl } : {}),
          env: {
            DURABILITY: durability,
            COMPACT_AFTER_UPDATES: String(compactAfter),
            ...(shared ? { REDIS_URL: shared.redisUrl } : {}),
          },
          wrapPersistence: (store) => {
            fault = createFaultyPersistence(store)
            return coverage.record(fault.persistence)
          },
        }),
        10_000,
        instanceCount > 1 ? `starting instance ${instance.index}` : 'starting the server',
      )
      fault!.failWrites = failWrites
      // As a load balancer routes to an instance once it is ready: its bus connects to Redis
      // after it listens, and until then it serves nothing.
      await waitUntil(() => server.server.context.bus.failure() === null, {
        timeoutMs: 10_000,
        describe: () => `instance ${instance.index} did not reach Redis`,
      })
      return { server, fault: fault! }
    }
    for (let index = 0; index < instanceCount; index++) {
      const instance = { index, dataDir: makeDataDir(), stopped: false, refusedBefore: 0 }
      fleet.push({ ...instance, ...(await start(instance, false)) })
    }
    const restart = async (instance: FuzzInstance, failWrites: boolean) => {
      instance.refusedBefore += instance.fault.refused
      Object.assign(instance, await start(instance, failWrites))
      instance.stopped = false
    }
    const stop = async (instance: FuzzInstance, what: string) => {
      instance.stopped = true
      await withDeadline(instance.server.stop(), 10_000, what, () => socketStates(clients))
    }
    const syncUrl = (instance: FuzzInstance) => `${instance.server.wsUrl}/sync`
    /** Points a client at a running instance, chosen by `from`. */
    const route = (client: ServerClient, from: Rng) => {
      const to = from.pick(fleet.filter((i) => !i.stopped))
      client.target = to.index
      client.provider.serverUrl = syncUrl(to)
    }
    const named = (instance: FuzzInstance) =>
      instanceCount > 1 ? `instance ${instance.index}` : 'the server'

    const boardId = await withDeadline(
      createBoard(fleet[0]!.server.url, `fuzz ${seed}`),
      10_000,
      'creating a board',
    )
    const usedIds = new Set<number>()
    for (let index = 0; index < clientCount; index++) {
      const doc = new Y.Doc()
      doc.clientID = uniqueClientId(rng, usedIds)
      const target = index % instanceCount
      const provider = openProvider(syncUrl(fleet[target]!), boardId, doc, (update) =>
        coverage.check(`client ${index}`, update),
      )
      const client: ServerClient = {
        index,
        doc,
        provider,
        author: { tag: `s${index}`, count: 0 },
        madeHere: [],
        closes: [],
        target,
        waiting: false,
      }
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== provider) client.madeHere.push(update)
      })
      provider.on('connection-close', (event) => {
        if (!event) return
        client.closes.push(event.code)
        // A load balancer sends a new connection wherever it likes.
        if (!routeRng || client.waiting) return
        route(client, routeRng)
        log(
          `client ${client.index} closed with ${event.code}, reconnects to instance ${client.target}`,
        )
      })
      clients.push(client)
    }
    await waitUntil(() => clients.every((c) => c.provider.synced), {
      timeoutMs: 10_000,
      describe: () => 'the clients did not sync with a new board',
    })

    let faulty: FuzzInstance | null = null
    for (let step = 0; step < steps; step++) {
      const client = rng.pick(clients)
      const action = rng.weighted({
        edit: 55,
        pause: 12,
        disconnect: client.provider.shouldConnect ? 5 : 0,
        connect: client.provider.shouldConnect ? 0 : 8,
        faultOn: faulty ? 0 : 3,
        faultOff: faulty ? 6 : 0,
        // Its connection drops and comes back at once through the load balancer, to the other
        // instance, before that one may have heard of its last edits (never with one instance).
        move: instanceCount > 1 && client.provider.shouldConnect ? 4 : 0,
        // One instance's store answers its appends late, so the other reads them first.
        slow: instanceCount > 1 ? 3 : 0,
        restart: stats.restarts < maxRestarts ? 2 : 0,
      })
      switch (action) {
        case 'edit':
          stats.edits += randomChange(client.doc, rng, client.author)
          break
        case 'pause':
          await pause(rng)
          break
        case 'disconnect':
          log(`step ${step}: client ${client.index} disconnects`)
          client.provider.disconnect()
          stats.disconnects++
          break
        case 'connect':
          if (instanceCount > 1) route(client, rng)
          log(
            `step ${step}: client ${client.index} connects${instanceCount > 1 ? ` to instance ${client.target}` : ''}`,
          )
          client.provider.connect()
          break
        case 'move': {
          const to = fleet.find((i) => i.index !== client.target && !i.stopped)
          if (!to) break
          log(`step ${step}: client ${client.index} moves to instance ${to.index}`)
          client.provider.disconnect()
          client.target = to.index
          client.provider.serverUrl = syncUrl(to)
          client.provider.connect()
          stats.disconnects++
          break
        }
        case 'slow': {
          const instance = rng.pick(fleet)
          instance.fault.answerDelayMs = rng.pick([0, 5, 20, 60])
          log(
            `step ${step}: the store of instance ${instance.index} answers appends ${instance.fault.answerDelayMs} ms after committing`,
          )
          break
        }
        case 'faultOn': {
          const instance = instanceCount > 1 ? rng.pick(fleet) : fleet[0]!
          log(
            `step ${step}: the store refuses writes${instanceCount > 1 ? ` on instance ${instance.index}` : ''}`,
          )
          faulty = instance
          instance.fault.failWrites = true
          stats.faultWindows++
          break
        }
        case 'faultOff':
          log(`step ${step}: the store writes again`)
          faulty!.fault.failWrites = false
          faulty = null
          break
        case 'restart': {
          const instance = instanceCount > 1 ? rng.pick(fleet) : fleet[0]!
          log(
            `step ${step}: ${named(instance)} restarts${faulty === instance ? ' while the store refuses writes' : ''}`,
          )
          instance.stopped = true
          // Its clients either wait for it to come back or go to another instance at once.
          for (const c of clients) {
            if (c.target !== instance.index) continue
            if (instanceCount > 1 && rng.chance(0.5)) route(c, rng)
            else c.waiting = true
          }
          await stop(instance, `${named(instance)}.stop()`)
          log(`step ${step}: stopped`)
          await restart(instance, faulty === instance)
          log(`step ${step}: started again`)
          for (const c of clients) {
            if (c.target !== instance.index) continue
            c.waiting = false
            c.provider.serverUrl = syncUrl(instance)
          }
          stats.restarts++
          break
        }
      }
      // Let messages flow between most steps, so edits interleave with deliveries.
      if (rng.chance(0.6)) await new Promise((resolve) => setImmediate(resolve))
    }

    // Heal: the stores write, everyone is connected; wait until all agree.
    log('healing')
    for (const instance of fleet) instance.fault.failWrites = false
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect()
    const expected = mergeOffline(clients.flatMap((c) => c.madeHere))
    extraDocs.push(expected)
    const roomDoc = async (instance: FuzzInstance) =>
      (
        await withDeadline(
          instance.server.server.context.rooms.getRoom(boardId),
          10_000,
          `loading board ${boardId}${instanceCount > 1 ? ` on instance ${instance.index}` : ''}`,
        )
      ).doc
    /** The document as the store holds it now, read past every room. */
    const storedDoc = async () => {
      const stored = await fleet[0]!.server.server.context.persistence.loadDocument(boardId)
      const doc = mergeOffline(stored.updates)
      extraDocs.push(doc)
      return doc
    }
    const roomName = (instance: FuzzInstance) =>
      instanceCount > 1 ? `the room on instance ${instance.index}` : 'the room'
    const roomsAgree = async () => {
      for (const instance of fleet) {
        if (!sameDocument(await roomDoc(instance), expected)) return false
      }
      return true
    }
    await waitUntil(
      async () =>
        clients.every(
          (c) => c.provider.wsconnected && c.provider.synced && sameDocument(c.doc, expected),
        ) && (await roomsAgree()),
      {
        timeoutMs: HealTimeoutMs,
        intervalMs: 25,
        describe: async () =>
          `seed ${seed} did not converge after healing:\n` +
          [
            ...clients.map((c) => ({
              who: `client ${c.index}${instanceCount > 1 ? ` on instance ${c.target}` : ''} (connected ${c.provider.wsconnected}, synced ${c.provider.synced}, closes ${c.closes.join(' ') || 'none'})`,
              doc: c.doc,
            })),
            ...(await Promise.all(
              fleet.map(async (instance) => ({
                who: roomName(instance),
                doc: await roomDoc(instance),
              })),
            )),
            { who: 'the stored document', doc: await storedDoc() },
          ]
            .filter(({ doc }) => !sameDocument(doc, expected))
            .map(({ who, doc }) => describeParty(who, doc, expected))
            .concat(
              coverage.violations.length > 0
                ? [
                    `${coverage.violations.length} stored-first violations; first: ${coverage.violations[0]}`,
                  ]
                : [],
            )
            .join('\n'),
      },
    )
    const terminal = clients.flatMap((c) =>
      c.closes
        .filter((code) => code >= 4400 && code < 4500)
        .map((code) => `client ${c.index} closed with ${code} ${closeCodeName(code) ?? ''}`),
    )
    if (terminal.length > 0) throw new FuzzFailure(terminal.join('; '))
    if (coverage.violations.length > 0) {
      throw new FuzzFailure(
        `${coverage.violations.length} changes reached clients before the store held them; first: ${coverage.violations[0]}`,
      )
    }

    // Restart once more: the stored document, and what a new client receives, hold every edit.
    for (const c of clients) c.provider.disconnect()
    for (const instance of fleet) {
      await stop(
        instance,
        instanceCount > 1
          ? `the last stop of instance ${instance.index}`
          : 'the last server.stop()',
      )
    }
    for (const instance of fleet) {
      await restart(instance, false)
      assertSameDocument(
        instanceCount > 1
          ? `the stored document as instance ${instance.index} loads it after a restart`
          : 'the stored document after a restart',
        await roomDoc(instance),
        expected,
      )
    }
    const fresh = new Y.Doc()
    extraDocs.push(fresh)
    const freshProvider = openProvider(syncUrl(fleet[fleet.length - 1]!), boardId, fresh)
    extraProviders.push(freshProvider)
    await waitUntil(() => freshProvider.synced, {
      timeoutMs: 10_000,
      describe: () => 'a new client did not sync after the last restart',
    })
    assertSameDocument('a new client after the last restart', fresh, expected)

    stats.refused = fleet.reduce((n, i) => n + i.refusedBefore + i.fault.refused, 0)
    stats.dropped = clients.reduce(
      (n, c) => n + c.closes.filter((code) => code === CloseCodes.StorageUnavailable.code).length,
      0,
    )
  } finally {
    for (const p of extraProviders) p.destroy()
    for (const c of clients) c.provider.destroy()
    for (const instance of fleet) {
      await withDeadline(
        instance.server.cleanup(),
        10_000,
        instanceCount > 1
          ? `stopping instance ${instance.index} at the end`
          : 'stopping the server at the end',
      )
    }
    for (const c of clients) c.doc.destroy()
    for (const d of extraDocs) d.destroy()
    coverage.destroy()
    if (ownServices) await stopClusterServices(ownServices)
  }
  stats.ms = Math.round(performance.now() - started)
  return stats
}

/** A PostgreSQL server and a Redis for two-instance runs. */
export async function startClusterServices(): Promise<ClusterServices> {
  const [postgres, redis] = await Promise.allSettled([startTestPostgres(), startTestRedis()])
  if (postgres.status === 'fulfilled' && redis.status === 'fulfilled') {
    return { postgres: postgres.value, redis: redis.value }
  }
  if (postgres.status === 'fulfilled') await postgres.value.destroy()
  if (redis.status === 'fulfilled') await redis.value.destroy()
  throw postgres.status === 'rejected' ? postgres.reason : (redis as PromiseRejectedResult).reason
}

export async function stopClusterServices(services: ClusterServices) {
  await Promise.allSettled([services.postgres.destroy(), services.redis.destroy()])
}

/** The clients' sockets, for a stop that does not finish. */
function socketStates(clients: ServerClient[]): string {
  const states = ['connecting', 'open', 'closing', 'closed']
  return (
    '; sockets: ' +
    clients
      .map((c) => `client ${c.index} ${c.provider.ws ? states[c.provider.ws.readyState] : 'none'}`)
      .join(', ')
  )
}

/** `promise`, or a FuzzFailure naming `what` when it has not settled within `ms`. */
async function withDeadline<T>(
  promise: Promise<T>,
  ms: number,
  what: string,
  detail: () => string = () => '',
): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new FuzzFailure(`${what} did not finish within ${ms} ms${detail()}`)),
      ms,
    )
  })
  try {
    return await Promise.race([
      promise.catch((error: unknown) => {
        throw new FuzzFailure(`${what} failed: ${String(error)}`)
      }),
      deadline,
    ])
  } finally {
    clearTimeout(timer)
  }
}

function openProvider(
  syncUrl: string,
  boardId: string,
  doc: Y.Doc,
  onServerUpdate: (update: Uint8Array) => void = () => {},
) {
  return new WebsocketProvider(syncUrl, boardId, doc, {
    WebSocketPolyfill: inspectingWebSocket(
      onServerUpdate,
    ) as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params: {},
    // Reconnect soon after a refusal or a restart: the backoff's length is not under test.
    maxBackoffTime: 300,
  })
}

/** A short pause of a few event-loop turns or milliseconds, so deliveries interleave with edits. */
async function pause(rng: Rng) {
  if (rng.chance(0.5)) {
    for (let i = rng.int(1, 5); i > 0; i--) await new Promise((resolve) => setImmediate(resolve))
  } else {
    await new Promise((resolve) => setTimeout(resolve, rng.int(1, 12)))
  }
}

function describeParty(who: string, doc: Y.Doc, expected: Y.Doc): string {
  const sv = stateVectorText(doc)
  const expectedSv = stateVectorText(expected)
  return [
    `${who}:`,
    hasPending(doc) ? '  holds pending updates (missing dependencies)' : '',
    sv !== expectedSv ? `  state vector ${sv}\n  expected     ${expectedSv}` : '',
    describeDifference(snapshotDoc(doc), snapshotDoc(expected)),
  ]
    .filter(Boolean)
    .join('\n')
}
