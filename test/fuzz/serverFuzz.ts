import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { CloseCodes, closeCodeName } from '../../shared/protocol/closeCodes.js'
import { createBoard } from '../helpers/clients.js'
import { createFaultyPersistence, type FaultyPersistence } from '../helpers/faultyPersistence.js'
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
 * The real transport: our server in this process with its SQLite store, and standard
 * y-websocket clients. Clients edit at random while connections drop and come back, the server
 * restarts on the same data, and the store refuses writes for a while. Then everything heals
 * and every client, the room and the stored document must hold the union of all edits.
 * The order of actions follows the seed; the network's timing does not.
 */

interface ServerClient {
  index: number
  doc: Y.Doc
  provider: WebsocketProvider
  author: Author
  /** Every update this client made itself: the edits that must all survive. */
  madeHere: Uint8Array[]
  closes: number[]
}

const HealTimeoutMs = 20_000

export async function runServerFuzz(seed: number, options: FuzzOptions = {}): Promise<FuzzStats> {
  const started = performance.now()
  const rng = createRng(seed)
  const log = options.log ?? (() => {})
  const clientCount = options.clients ?? rng.int(3, 5)
  const steps = options.steps ?? rng.int(40, 90)
  const durability = rng.pick(['full', 'relaxed'] as const)
  const compactAfter = rng.pick([4, 16, 500])
  log(
    `seed ${seed}: ${clientCount} clients, ${steps} steps, ${durability} durability, compact after ${compactAfter}`,
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

  const dataDir = makeDataDir()
  const coverage = new StoredCoverage()
  let fault: FaultyPersistence | undefined
  let refusedBefore = 0
  const start = async (failWrites: boolean) => {
    const s = await startTestServer({
      dataDir,
      env: { DURABILITY: durability, COMPACT_AFTER_UPDATES: String(compactAfter) },
      wrapPersistence: (store) => {
        if (fault) refusedBefore += fault.refused
        fault = createFaultyPersistence(store)
        return coverage.record(fault.persistence)
      },
    })
    fault!.failWrites = failWrites
    return s
  }

  let server: TestServer = await withDeadline(start(false), 10_000, 'starting the server')
  const clients: ServerClient[] = []
  const extraDocs: Y.Doc[] = []
  const extraProviders: WebsocketProvider[] = []
  try {
    const boardId = await withDeadline(
      createBoard(server.url, `fuzz ${seed}`),
      10_000,
      'creating a board',
    )
    const usedIds = new Set<number>()
    for (let index = 0; index < clientCount; index++) {
      const doc = new Y.Doc()
      doc.clientID = uniqueClientId(rng, usedIds)
      const provider = openProvider(server, boardId, doc, (update) =>
        coverage.check(`client ${index}`, update),
      )
      const client: ServerClient = {
        index,
        doc,
        provider,
        author: { tag: `s${index}`, count: 0 },
        madeHere: [],
        closes: [],
      }
      doc.on('update', (update: Uint8Array, origin: unknown) => {
        if (origin !== provider) client.madeHere.push(update)
      })
      provider.on('connection-close', (event) => {
        if (event) client.closes.push(event.code)
      })
      clients.push(client)
    }
    await waitUntil(() => clients.every((c) => c.provider.synced), {
      timeoutMs: 10_000,
      describe: () => 'the clients did not sync with a new board',
    })

    let faultActive = false
    for (let step = 0; step < steps; step++) {
      const client = rng.pick(clients)
      const action = rng.weighted({
        edit: 55,
        pause: 12,
        disconnect: client.provider.shouldConnect ? 5 : 0,
        connect: client.provider.shouldConnect ? 0 : 8,
        faultOn: faultActive ? 0 : 3,
        faultOff: faultActive ? 6 : 0,
        restart: stats.restarts < 2 ? 2 : 0,
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
          log(`step ${step}: client ${client.index} connects`)
          client.provider.connect()
          break
        case 'faultOn':
          log(`step ${step}: the store refuses writes`)
          faultActive = true
          fault!.failWrites = true
          stats.faultWindows++
          break
        case 'faultOff':
          log(`step ${step}: the store writes again`)
          faultActive = false
          fault!.failWrites = false
          break
        case 'restart': {
          log(
            `step ${step}: the server restarts${faultActive ? ' while the store refuses writes' : ''}`,
          )
          await withDeadline(server.stop(), 10_000, 'server.stop()', () => socketStates(clients))
          log(`step ${step}: stopped`)
          server = await withDeadline(start(faultActive), 10_000, 'starting the server')
          log(`step ${step}: started again`)
          for (const c of clients) c.provider.serverUrl = `${server.wsUrl}/sync`
          stats.restarts++
          break
        }
      }
      // Let messages flow between most steps, so edits interleave with deliveries.
      if (rng.chance(0.6)) await new Promise((resolve) => setImmediate(resolve))
    }

    // Heal: the store writes, everyone is connected; wait until all agree.
    log('healing')
    fault!.failWrites = false
    for (const c of clients) if (!c.provider.shouldConnect) c.provider.connect()
    const expected = mergeOffline(clients.flatMap((c) => c.madeHere))
    extraDocs.push(expected)
    const roomDoc = async () =>
      (
        await withDeadline(
          server.server.context.rooms.getRoom(boardId),
          10_000,
          `loading board ${boardId}`,
        )
      ).doc
    await waitUntil(
      async () =>
        clients.every(
          (c) => c.provider.wsconnected && c.provider.synced && sameDocument(c.doc, expected),
        ) && sameDocument(await roomDoc(), expected),
      {
        timeoutMs: HealTimeoutMs,
        intervalMs: 25,
        describe: async () =>
          `seed ${seed} did not converge after healing:\n` +
          [
            ...clients.map((c) => ({
              who: `client ${c.index} (connected ${c.provider.wsconnected}, synced ${c.provider.synced}, closes ${c.closes.join(' ') || 'none'})`,
              doc: c.doc,
            })),
            { who: 'the room', doc: await roomDoc() },
          ]
            .filter(({ doc }) => !sameDocument(doc, expected))
            .map(({ who, doc }) => describeParty(who, doc, expected))
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
    await withDeadline(server.stop(), 10_000, 'the last server.stop()', () => socketStates(clients))
    server = await withDeadline(start(false), 10_000, 'the last start')
    assertSameDocument('the stored document after a restart', await roomDoc(), expected)
    const fresh = new Y.Doc()
    extraDocs.push(fresh)
    const freshProvider = openProvider(server, boardId, fresh)
    extraProviders.push(freshProvider)
    await waitUntil(() => freshProvider.synced, {
      timeoutMs: 10_000,
      describe: () => 'a new client did not sync after the last restart',
    })
    assertSameDocument('a new client after the last restart', fresh, expected)

    stats.refused = refusedBefore + fault!.refused
    stats.dropped = clients.reduce(
      (n, c) => n + c.closes.filter((code) => code === CloseCodes.StorageUnavailable.code).length,
      0,
    )
  } finally {
    for (const p of extraProviders) p.destroy()
    for (const c of clients) c.provider.destroy()
    await withDeadline(server.cleanup(), 10_000, 'stopping the server at the end')
    for (const c of clients) c.doc.destroy()
    for (const d of extraDocs) d.destroy()
    coverage.destroy()
  }
  stats.ms = Math.round(performance.now() - started)
  return stats
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
  server: TestServer,
  boardId: string,
  doc: Y.Doc,
  onServerUpdate: (update: Uint8Array) => void = () => {},
) {
  return new WebsocketProvider(`${server.wsUrl}/sync`, boardId, doc, {
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
