import * as Y from 'yjs'
import { LocalOrigin } from '../../shared/doc/layout.js'
import { randomChange, type Author } from './edits.js'
import { assertSameDocument, FuzzFailure, mergeOffline } from './invariants.js'
import { createRng, type Rng } from './prng.js'
import type { FuzzOptions, FuzzStats } from './types.js'

/**
 * The in-memory transport: clients reach a simulated relay that follows the server's contract
 * (store, then apply, then relay to everyone but the sender). Links deliver their messages in
 * random order, lose some, and drop everything in flight when they disconnect; a reconnect
 * resyncs with state vectors both ways, as y-websocket's handshake does. The relay's store can
 * refuse writes (the sender is then disconnected and keeps its edits), be compacted, and the
 * relay can restart from what it stored. Fully deterministic for a seed.
 */

type Message =
  { type: 'step1'; stateVector: Uint8Array } | { type: 'step2' | 'update'; update: Uint8Array }

interface Link {
  index: number
  connected: boolean
  /** Client → relay. */
  up: Message[]
  /** Relay → client. */
  down: Message[]
}

interface MemoryClient {
  doc: Y.Doc
  link: Link
  author: Author
  /** Every update this client made itself: the edits that must all survive. */
  madeHere: Uint8Array[]
}

const RemoteOrigin = Symbol('remote')

class Relay {
  doc!: Y.Doc
  stored: Uint8Array[] = []
  failWrites = false
  refused = 0

  constructor(private readonly links: Link[]) {
    this.load()
  }

  /** A fresh document from the stored log, as a server loads a board. */
  load() {
    this.doc?.destroy()
    this.doc = new Y.Doc({ gc: true })
    this.doc.transact(() => {
      for (const update of this.stored) Y.applyUpdate(this.doc, update)
    }, 'load')
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'load') return
      for (const link of this.links) {
        if (link !== origin && link.connected) link.down.push({ type: 'update', update })
      }
    })
  }

  receive(link: Link, message: Message): 'ok' | 'refused' {
    if (message.type === 'step1') {
      link.down.push({
        type: 'step2',
        update: Y.encodeStateAsUpdate(this.doc, message.stateVector),
      })
      return 'ok'
    }
    if (this.failWrites) {
      this.refused++
      return 'refused'
    }
    this.stored.push(message.update)
    Y.applyUpdate(this.doc, message.update, link)
    return 'ok'
  }

  /** One snapshot replaces the stored log, as the server's compaction does. */
  compact() {
    if (this.failWrites) return
    this.stored = [Y.encodeStateAsUpdate(this.doc)]
  }
}

export function runMemoryFuzz(seed: number, options: FuzzOptions = {}): FuzzStats {
  const started = performance.now()
  const rng = createRng(seed)
  const log = options.log ?? (() => {})
  const clientCount = options.clients ?? rng.int(3, 5)
  const steps = options.steps ?? rng.int(150, 400)
  const stats: FuzzStats = {
    transport: 'memory',
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

  const links: Link[] = []
  const relay = new Relay(links)
  const usedIds = new Set<number>()
  const clients: MemoryClient[] = Array.from({ length: clientCount }, (_, index) => {
    const doc = new Y.Doc()
    doc.clientID = uniqueClientId(rng, usedIds)
    const link: Link = { index, connected: false, up: [], down: [] }
    links.push(link)
    const client: MemoryClient = { doc, link, author: { tag: `m${index}`, count: 0 }, madeHere: [] }
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== LocalOrigin) return
      client.madeHere.push(update)
      if (link.connected) link.up.push({ type: 'update', update })
    })
    return client
  })

  const connect = (client: MemoryClient) => {
    const link = client.link
    if (link.connected) return
    link.connected = true
    link.up.push({ type: 'step1', stateVector: Y.encodeStateVector(client.doc) })
    link.down.push({ type: 'step1', stateVector: Y.encodeStateVector(relay.doc) })
  }
  const disconnect = (client: MemoryClient) => {
    const link = client.link
    if (!link.connected) return
    link.connected = false
    stats.dropped += link.up.length + link.down.length
    link.up = []
    link.down = []
    stats.disconnects++
  }
  const deliverUp = (client: MemoryClient, r: Rng) => {
    const link = client.link
    if (link.up.length === 0) return
    const [message] = link.up.splice(r.int(0, link.up.length - 1), 1)
    if (relay.receive(link, message!) === 'refused') {
      log(`client ${link.index}: store refused its update, disconnected`)
      disconnect(client)
    }
  }
  const deliverDown = (client: MemoryClient, r: Rng) => {
    const link = client.link
    if (link.down.length === 0) return
    const [message] = link.down.splice(r.int(0, link.down.length - 1), 1)
    if (message!.type === 'step1') {
      link.up.push({
        type: 'step2',
        update: Y.encodeStateAsUpdate(client.doc, message!.stateVector),
      })
    } else {
      Y.applyUpdate(client.doc, message!.update, RemoteOrigin)
    }
  }

  for (const client of clients) if (rng.chance(0.8)) connect(client)

  for (let step = 0; step < steps; step++) {
    const client = rng.pick(clients)
    const action = rng.weighted({
      edit: 40,
      deliverUp: 20,
      deliverDown: 20,
      burst: 5,
      drop: 1.5,
      disconnect: 3,
      connect: 5,
      faultOn: relay.failWrites ? 0 : 1.2,
      faultOff: relay.failWrites ? 4 : 0,
      compact: 1,
      restart: 0.6,
    })
    switch (action) {
      case 'edit':
        stats.edits += randomChange(client.doc, rng, client.author)
        break
      case 'deliverUp':
        deliverUp(client, rng)
        break
      case 'deliverDown':
        deliverDown(client, rng)
        break
      case 'burst':
        for (let i = rng.int(2, 20); i > 0; i--) {
          const c = rng.pick(clients)
          if (rng.chance(0.5)) deliverUp(c, rng)
          else deliverDown(c, rng)
        }
        break
      case 'drop': {
        // A message lost on a link that stays up: only the next reconnect repairs it.
        const queue = rng.chance(0.5) ? client.link.up : client.link.down
        if (queue.length > 0) {
          queue.splice(rng.int(0, queue.length - 1), 1)
          stats.dropped++
        }
        break
      }
      case 'disconnect':
        log(`step ${step}: client ${client.link.index} disconnects`)
        disconnect(client)
        break
      case 'connect':
        connect(client)
        break
      case 'faultOn':
        log(`step ${step}: store refuses writes`)
        relay.failWrites = true
        stats.faultWindows++
        break
      case 'faultOff':
        log(`step ${step}: store writes again`)
        relay.failWrites = false
        break
      case 'compact':
        relay.compact()
        break
      case 'restart':
        log(`step ${step}: relay restarts`)
        for (const c of clients) disconnect(c)
        relay.load()
        stats.restarts++
        break
    }
  }

  // Heal: the store writes, every client reconnects, every message is delivered.
  relay.failWrites = false
  for (const client of clients) {
    disconnect(client)
    connect(client)
  }
  const healRng = rng.fork()
  for (let guard = 0; ; guard++) {
    const busy = clients.filter((c) => c.link.up.length > 0 || c.link.down.length > 0)
    if (busy.length === 0) break
    if (guard > 100_000) throw new FuzzFailure(`seed ${seed}: messages kept flowing after healing`)
    const c = healRng.pick(busy)
    if (c.link.up.length > 0 && (c.link.down.length === 0 || healRng.chance(0.5))) {
      deliverUp(c, healRng)
    } else deliverDown(c, healRng)
  }
  stats.refused = relay.refused

  const expected = mergeOffline(clients.flatMap((c) => c.madeHere))
  try {
    clients.forEach((c, i) => assertSameDocument(`client ${i}`, c.doc, expected))
    assertSameDocument('the relay', relay.doc, expected)
    const fromStore = mergeOffline(relay.stored)
    assertSameDocument('the stored log', fromStore, expected)
    fromStore.destroy()
    // After a restart, a client with an empty document gets the whole board.
    relay.compact()
    relay.load()
    const fresh = new Y.Doc()
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(relay.doc, Y.encodeStateVector(fresh)))
    assertSameDocument('a fresh client after a restart', fresh, expected)
    fresh.destroy()
  } finally {
    expected.destroy()
    relay.doc.destroy()
    for (const c of clients) c.doc.destroy()
  }
  stats.ms = Math.round(performance.now() - started)
  return stats
}

/** A Yjs client id from the seed, distinct from the others of the run. */
export function uniqueClientId(rng: Rng, used: Set<number>): number {
  for (;;) {
    const id = rng.int(1, 0x7fff_ffff)
    if (!used.has(id)) {
      used.add(id)
      return id
    }
  }
}
