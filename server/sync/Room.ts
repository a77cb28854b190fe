import * as Y from 'yjs'
import * as awarenessProtocol from 'y-protocols/awareness'
import type { Role } from '../../shared/api/links.js'
import { AwarenessUserSchema } from '../../shared/protocol/awareness.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import { SyncMessageType } from '../../shared/protocol/messages.js'
import type { Logger } from '../logger.js'
import { BoardUnreadableError, StorageUnavailableError } from '../persistence/storageErrors.js'
import type { StorageHealth } from '../persistence/storageHealth.js'
import type { DocumentStore } from '../persistence/types.js'
import { Connection } from './Connection.js'
import {
  MalformedMessageError,
  decodeIncoming,
  encodeAwarenessEntries,
  encodeAwarenessMessage,
  encodeSyncMessage,
  type AwarenessEntry,
  type IncomingMessage,
} from './messageCodec.js'
import { withVerifiedIdentity } from './presenceIdentity.js'
import type { RoomBus } from './RoomBus.js'
import type { RoomBusMessage } from '../../shared/protocol/bus.js'

export interface RoomLimits {
  maxDocumentBytes: number
  maxAwarenessStateBytes: number
  /** Compact the stored log once this many updates have been appended since the last time. */
  compactAfterUpdates: number
}

export interface RoomDeps {
  store: DocumentStore & { probeWrite(now: number, bytes?: number): unknown }
  /** Whether the store accepts writes; REST edits are refused up front while it does not. */
  health: StorageHealth
  bus: RoomBus
  log: Logger
  limits: RoomLimits
  now: () => number
  hooks?: RoomHooks
  /**
   * How long the document may hold updates that wait for one it never received before the room
   * reads the store again (1 s by default).
   */
  gapMs?: number
}

/** Whether a document holds updates that wait for one it has not received. */
const hasPending = (doc: Y.Doc) => doc.store.pendingStructs !== null || doc.store.pendingDs !== null

/** The presence origin, and colour, of someone working without a connection (`showWorker`). */
const WorkerOrigin = 'worker'
const WorkerColor = '#5b5bd6'

/** Someone on the board, as their presence names them. */
export interface PresentPerson {
  id: string
  name: string
  role: Role
}

/** Lifecycle hooks, so indexing and the like stay out of the sync code. */
export interface RoomHooks {
  /**
   * After the stored document is loaded, before any client is served; the room is served once
   * what it returns settles (the workshop's locks must be known before the first update).
   */
  onLoad?(boardId: string, doc: Y.Doc, room: Room): void | Promise<void>
  /** When people publish who they are (name in presence), with the role of their connection. */
  onPresence?(boardId: string, people: PresentPerson[]): void
  /** After an update has been stored, with the document in its new state. */
  onChange?(boardId: string, doc: Y.Doc, room: Room): void
  /** Before the document is freed. */
  onUnload?(boardId: string, doc: Y.Doc, room: Room): void
  /**
   * The room holds a change the store refused and cannot take back (a server edit made in the
   * document before its commit failed): it has closed its connections and must be dropped
   * without storing anything, so the next load starts from what was stored.
   */
  onBroken?(room: Room): void
}

/**
 * At most this many updates are kept as the document's state between compactions (which run
 * far sooner by default); past it, a copy of the state is encoded when asked.
 */
const MaxStateParts = 20_000

export interface LoadOptions {
  /**
   * Given a stored snapshot verified on read before the room applies it (a large board takes
   * a while to apply): the clients waiting for the room can be sent it meanwhile. The room
   * applies it once the returned promise settles.
   */
  onSnapshot?(snapshot: Uint8Array): Promise<void>
}

/** An edit reached a room after it was unloaded; opening the board again gives a live one. */
export class RoomClosedError extends Error {
  constructor(readonly boardId: string) {
    super(`The room of board ${boardId} was unloaded`)
  }
}

/**
 * Decides whether a client's update may change the document: null when it may, otherwise why
 * not (for the log). The workshop sets one while something is locked.
 */
export type UpdateGuard = (doc: Y.Doc, update: Uint8Array) => string | null

/** Why a transaction happened, so the update observer knows whether to store and publish. */
type Origin = Connection | 'bus' | 'server'

interface PendingUpdate {
  update: Uint8Array
  origin: Origin
}

/**
 * One open board: its Y.Doc, awareness and connections. The stored document is loaded
 * before any message is handled, every accepted update is stored before it is broadcast,
 * and outgoing updates of one event-loop turn go out as one message per client.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true })
  readonly awareness = new awarenessProtocol.Awareness(this.doc)
  readonly connections = new Set<Connection>()
  private storedBytes = 0
  private lastSeq = 0
  private updatesSinceCompaction = 0
  private pendingUpdates: PendingUpdate[] = []
  private pendingAwareness = new Set<number>()
  /** Every write in flight, settled either way (unloading waits for them). */
  private pendingWrites: Promise<void>[] = []
  /** Server edits applied to the document whose commit has not finished yet. */
  private unstoredServerWrites: Promise<void>[] = []
  /** The writes of the server edit being made now (`transact`), and its failure. */
  private serverWrites: Promise<unknown>[] | null = null
  private serverWriteError: unknown = null
  /** The document holds a change the store refused; the room closes and is dropped. */
  private broken = false
  private flushScheduled = false
  /**
   * The origin of an update sent ahead (applyRelayedAhead) while Yjs applies it: its update event
   * queues nothing. Any other transaction meanwhile (another origin) is relayed as usual.
   */
  private relayedAhead: Connection | 'bus' | null = null
  /** One update of this turn went ahead; the others of the turn go out merged, from flush. */
  private relayedThisTurn = false
  private compactionScheduled = false
  private unsubscribeBus: () => void = () => {}
  /**
   * The whole document as one update while nothing changed since it was made: most clients
   * arrive with an empty document, and encoding a large board again for each costs more than
   * sending it.
   */
  private fullState: Uint8Array | null = null
  /**
   * The sync answer carrying `fullState`, encoded once for all the empty clients that arrive
   * while the document is unchanged: a board's first sync is its largest message, and a copy of
   * it per client, each freed only when the garbage collector gets to it, was most of what a
   * server held while many clients joined at once.
   */
  private fullStateAnswer: { state: Uint8Array; message: Uint8Array } | null = null
  /**
   * Updates whose union is the document's state: what was loaded, then every change since, as
   * stored. A version is taken from them without encoding the whole document on the event loop.
   * Reset to the snapshot by compaction; null (encode instead) past `MaxStateParts`.
   */
  private parts: Uint8Array[] | null = null
  private destroyed = false
  /**
   * What the stored snapshot that `onSnapshot` was given holds (its state vector): a client
   * that received it while the room loaded asks for what lies beyond it.
   */
  snapshotVector: Uint8Array | null = null
  private guard: UpdateGuard | null = null
  private gapTimer: NodeJS.Timeout | null = null

  constructor(
    readonly boardId: string,
    private readonly deps: RoomDeps,
  ) {
    // The server has no presence of its own.
    this.awareness.setLocalState(null)
    this.doc.on('update', this.handleDocUpdate)
    this.awareness.on('update', this.handleAwarenessUpdate)
  }

  /**
   * Loads the stored document. Must finish before the first connection is added. The room
   * listens to the bus first, then reads the store, then applies what arrived meanwhile: an
   * update another instance stored during the read is not missed.
   */
  async load({ onSnapshot }: LoadOptions = {}): Promise<void> {
    const arrived: RoomBusMessage[] = []
    let loaded = false
    const unsubscribe = await this.deps.bus.subscribe(this.boardId, (message) => {
      if (loaded) this.receiveFromBus(message)
      else arrived.push(message)
    })
    this.unsubscribeBus = unsubscribe
    if (this.destroyed) unsubscribe()
    const stored = await this.deps.store.loadDocument(this.boardId)
    const snapshot = stored.verifiedSnapshot ? stored.updates[0] : undefined
    if (snapshot && onSnapshot) await onSnapshot(snapshot)
    // Applied with no update listener: Yjs encodes each transaction's changes for its update
    // listeners, which here would mean encoding the whole stored document again (about 70 ms
    // of a fresh process for a 10 MB board) for a handler with nothing to do with it.
    this.doc.off('update', this.handleDocUpdate)
    try {
      this.doc.transact(() => {
        stored.updates.forEach((update, i) => {
          Y.applyUpdate(this.doc, update)
          if (i === 0 && snapshot) this.snapshotVector = Y.encodeStateVector(this.doc)
        })
      }, 'load')
    } catch (error) {
      throw new BoardUnreadableError(this.boardId, error)
    } finally {
      this.doc.on('update', this.handleDocUpdate)
    }
    this.storedBytes = stored.bytes
    // A compacted board is stored as one update: exactly the document's state.
    if (stored.updates.length === 1) this.fullState = stored.updates[0]!
    this.parts = stored.updates.length <= MaxStateParts ? [...stored.updates] : null
    this.lastSeq = stored.lastSeq
    this.updatesSinceCompaction = stored.updates.length > 1 ? stored.updates.length : 0
    loaded = true
    for (const message of arrived) this.receiveFromBus(message)
    if (this.updatesSinceCompaction >= this.deps.limits.compactAfterUpdates)
      this.scheduleCompaction()
    await this.deps.hooks?.onLoad?.(this.boardId, this.doc, this)
  }

  /**
   * Reads the store again and applies what this room lacks (after the bus was unreachable,
   * when what other instances published meanwhile may be lost). Relayed to this room's clients.
   */
  async catchUp(): Promise<void> {
    if (this.destroyed || this.doc.isDestroyed) return
    const stored = await this.deps.store.loadDocument(this.boardId)
    if (this.destroyed || this.doc.isDestroyed) return
    this.doc.transact(() => {
      for (const update of stored.updates) Y.applyUpdate(this.doc, update)
    }, 'bus')
    this.storedBytes = Math.max(this.storedBytes, stored.bytes)
  }

  /** Adds a client and starts the sync handshake. */
  addConnection(conn: Connection) {
    this.connections.add(conn)
    conn.send(encodeSyncMessage(SyncMessageType.Step1, Y.encodeStateVector(this.doc)))
    const states = this.awareness.getStates()
    if (states.size > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, [...states.keys()])
      conn.send(encodeAwarenessMessage(update))
    }
  }

  /** Removes a client and the presence it published. */
  removeConnection(conn: Connection) {
    if (!this.connections.delete(conn)) return
    if (conn.awarenessClients.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, [...conn.awarenessClients], conn)
    }
  }

  /** Handles one binary frame from a client; a malformed frame closes that client only. */
  receive(conn: Connection, data: Uint8Array) {
    if (conn.closed) return
    let message: IncomingMessage
    try {
      message = decodeIncoming(
        data,
        this.deps.limits.maxAwarenessStateBytes,
        this.awareness.clientID,
      )
    } catch (error) {
      const why = error instanceof MalformedMessageError ? error.message : String(error)
      this.reject(conn, CloseCodes.MalformedMessage, why)
      return
    }
    switch (message.type) {
      case 'syncStep1': {
        const answer = () => conn.send(this.syncAnswer(message.stateVector))
        // A server edit waiting for its commit is in the document but not yet stored: nobody
        // may see it before it is.
        if (this.unstoredServerWrites.length === 0) answer()
        else void Promise.allSettled(this.unstoredServerWrites).then(answer)
        return
      }
      case 'syncUpdate':
        // Read-only connections may sync down but never change the document.
        if (conn.permission !== 'write') return
        if (this.storedBytes + message.update.byteLength > this.deps.limits.maxDocumentBytes) {
          this.reject(conn, CloseCodes.DocumentTooLarge, `${this.storedBytes} bytes stored`)
          return
        }
        if (this.guard && !this.passesGuard(conn, message.update)) return
        this.storeThenApply(conn, message.update)
        return
      case 'awareness': {
        // Standard clients echo the states of others; only the owner's own entries count, so
        // no client can overwrite someone else's presence.
        const own = message.clients
          .filter(
            (e) =>
              e.clientId !== this.awareness.clientID &&
              !this.ownerOfAwarenessClient(e.clientId, conn),
          )
          .map((e) => (conn.role === 'view' ? withoutReaction(e) : e))
          .flatMap((e) => this.withIdentity(e, conn))
        if (own.length === 0) return
        const update =
          own.length === message.clients.length && own.every((e, i) => e === message.clients[i])
            ? message.update
            : encodeAwarenessEntries(own)
        awarenessProtocol.applyAwarenessUpdate(this.awareness, update, conn)
        // A client that moved here from an instance that died sends its state with the clock
        // the bus brought already: unchanged, but from now on this connection's to remove.
        for (const e of own) if (e.state !== null) conn.awarenessClients.add(e.clientId)
        this.reportPresence(own, conn)
        return
      }
      case 'queryAwareness': {
        const ids = [...this.awareness.getStates().keys()]
        conn.send(
          encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids)),
        )
        return
      }
    }
  }

  /**
   * Applies a change made by the server itself (REST API, imports); stored and broadcast.
   * Throws `RoomClosedError` once the document is freed: an edit there would be stored nowhere,
   * so the caller must open the board again rather than lose it.
   */
  async transact(fn: (doc: Y.Doc) => void): Promise<void> {
    if (this.doc.isDestroyed || this.broken) throw new RoomClosedError(this.boardId)
    // While the store refuses writes, refuse before touching the document: a change made in
    // the document cannot be taken back.
    const failing = this.deps.health.failure()
    if (failing) await this.deps.store.probeWrite(this.deps.now(), failing.bytes)
    if (this.doc.isDestroyed || this.broken) throw new RoomClosedError(this.boardId)
    const writes: Promise<unknown>[] = []
    this.serverWrites = writes
    try {
      this.doc.transact(() => fn(this.doc), 'server')
    } finally {
      this.serverWrites = null
    }
    if (this.serverWriteError !== null) {
      const error = this.serverWriteError
      this.serverWriteError = null
      this.breakRoom()
      throw error instanceof StorageUnavailableError ? error : new StorageUnavailableError(error)
    }
    await Promise.all(writes)
  }

  /**
   * Shows someone who works on the board without a connection (an agent through `/mcp`) on
   * every screen: presence under their name, renewed by each of their changes and gone once
   * they have done nothing for the presence timeout (30 s). They also take part in the
   * workshop summary and the next version's list of people.
   */
  showWorker(person: PresentPerson) {
    // A fixed client id per person, so their changes renew one presence.
    const clientId = Number.parseInt(person.id.slice(0, 8), 16) >>> 0
    // Screens ignore a state whose clock is not newer than one they saw: after a restart the
    // clock goes on from the time, not from zero.
    const seen = this.awareness.meta.get(clientId)?.clock ?? 0
    const clock = Math.max(seen + 1, Math.floor(this.deps.now() / 1000))
    const { id, name, role } = person
    const user = { id, name, role, owner: role === 'owner', color: WorkerColor }
    awarenessProtocol.applyAwarenessUpdate(
      this.awareness,
      encodeAwarenessEntries([{ clientId, clock, state: { user } }]),
      WorkerOrigin,
    )
    this.deps.hooks?.onPresence?.(this.boardId, [person])
  }

  /** Whether `bytes` more can be stored without passing the document size limit. */
  hasRoomFor(bytes: number) {
    return this.storedBytes + bytes <= this.deps.limits.maxDocumentBytes
  }

  /** Closes every connection with `code`. */
  closeAll(code: (typeof CloseCodes)[keyof typeof CloseCodes]) {
    this.closeWhere(() => true, code)
  }

  /** Closes the connections `which` picks with `code`. */
  closeWhere(
    which: (conn: Connection) => boolean,
    code: (typeof CloseCodes)[keyof typeof CloseCodes],
  ) {
    for (const conn of [...this.connections]) {
      if (!which(conn)) continue
      conn.close(code)
      this.removeConnection(conn)
    }
  }

  /**
   * Publishes state only the server may set (the workshop) as the server's own presence: every
   * standard client receives it, and no client can publish a state with those keys.
   */
  setServerState(state: Record<string, unknown>) {
    this.awareness.setLocalState({ ...(this.awareness.getLocalState() ?? {}), ...state })
  }

  /**
   * Sets what every client update must pass before it is stored (locks); null lets all pass.
   * A refused update is not stored, applied or relayed, and its sender is closed with 4423.
   */
  setUpdateGuard(guard: UpdateGuard | null) {
    this.guard = guard
  }

  /** Waits for pending writes, compacts the stored log if it grew, and frees the document. */
  async destroy() {
    if (this.destroyed) return
    this.destroyed = true
    this.unsubscribeBus()
    if (this.gapTimer) clearTimeout(this.gapTimer)
    await Promise.all(this.pendingWrites)
    this.flush()
    if (this.updatesSinceCompaction > 1 && !this.broken) await this.compact()
    if (!this.broken) this.deps.hooks?.onUnload?.(this.boardId, this.doc, this)
    this.awareness.destroy()
    this.doc.destroy()
    this.parts = null
    this.fullState = null
    this.fullStateAnswer = null
  }

  /** Frees a room whose load failed: nothing was served from it. */
  discard() {
    this.destroyed = true
    this.unsubscribeBus()
    this.awareness.destroy()
    this.doc.destroy()
    this.parts = null
    this.fullState = null
    this.fullStateAnswer = null
  }

  /**
   * What another instance published for this room: an update it stored (applied and relayed
   * here, counted toward the document's size) or the presence of its clients (relayed).
   */
  private receiveFromBus(message: RoomBusMessage) {
    if (this.doc.isDestroyed) return
    try {
      if (message.type === 'update') {
        this.applyRelayedAhead(message.update, 'bus')
        this.storedBytes += message.update.byteLength
        this.watchForGap()
      } else {
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, 'bus')
      }
    } catch (error) {
      this.deps.log.error('room.bus_message_failed', {
        boardId: this.boardId,
        type: message.type,
        error: String(error),
      })
    }
  }

  /**
   * An update that waits for one this room never received (pub/sub keeps nothing for a room
   * that missed a message) would hold back every later edit of its author here: if it still
   * waits after `gapMs`, the room reads the store, which holds every update, and says so.
   */
  private watchForGap() {
    if (this.gapTimer !== null || !hasPending(this.doc)) return
    this.gapTimer = setTimeout(() => {
      this.gapTimer = null
      if (this.destroyed || this.doc.isDestroyed || !hasPending(this.doc)) return
      this.deps.log.warn('room.update_gap', { boardId: this.boardId })
      this.catchUp().catch((error: unknown) =>
        this.deps.log.error('room.catch_up_failed', {
          boardId: this.boardId,
          error: String(error),
        }),
      )
    }, this.deps.gapMs ?? 1000)
    this.gapTimer.unref()
  }

  /**
   * The document's state as updates to apply in turn (usually the stored snapshot and the few
   * changes since), to keep a copy of it without encoding the whole document now.
   */
  stateParts(): Uint8Array[] {
    if (this.fullState) return [this.fullState]
    return this.parts ? [...this.parts] : [Y.encodeStateAsUpdate(this.doc)]
  }

  /** What a client with `stateVector` lacks; for an empty client, the cached full state. */
  private stateAfter(stateVector: Uint8Array): Uint8Array {
    if (Y.decodeStateVector(stateVector).size > 0) {
      return Y.encodeStateAsUpdate(this.doc, stateVector)
    }
    this.fullState ??= Y.encodeStateAsUpdate(this.doc)
    return this.fullState
  }

  /** The sync answer (step 2) to a client with `stateVector`; for an empty one, the cached one. */
  private syncAnswer(stateVector: Uint8Array): Uint8Array {
    const state = this.stateAfter(stateVector)
    if (state !== this.fullState) return encodeSyncMessage(SyncMessageType.Step2, state)
    if (this.fullStateAnswer?.state !== state) {
      this.fullStateAnswer = { state, message: encodeSyncMessage(SyncMessageType.Step2, state) }
    }
    return this.fullStateAnswer.message
  }

  private passesGuard(conn: Connection, update: Uint8Array): boolean {
    let refusal: string | null
    try {
      refusal = this.guard!(this.doc, update)
    } catch (error) {
      // Frames are decoded before this; an update the guard cannot read is not let through.
      this.reject(conn, CloseCodes.MalformedMessage, String(error))
      return false
    }
    if (refusal === null) return true
    this.reject(conn, CloseCodes.Locked, refusal)
    return false
  }

  /**
   * The entry with the identity the server vouches for (presenceIdentity.ts), or nothing when it
   * claims another participant's id: then it is applied and relayed nowhere. Standard clients
   * relay states they received (from the server, from other tabs), so the connection is not
   * closed; the first new state refused is logged.
   */
  private withIdentity(entry: AwarenessEntry, conn: Connection): AwarenessEntry[] {
    const verified = withVerifiedIdentity(entry, conn)
    if (verified) return [verified]
    const known = this.awareness.meta.get(entry.clientId)
    if (!conn.identityRefused && (known === undefined || known.clock < entry.clock)) {
      conn.identityRefused = true
      this.deps.log.warn('sync.identity_refused', { boardId: this.boardId, connection: conn.id })
    }
    return []
  }

  private reportPresence(entries: AwarenessEntry[], conn: Connection) {
    const onPresence = this.deps.hooks?.onPresence
    // Only people known by their secret take part in the summary; a client without one is a
    // new guest on every connection.
    if (!onPresence || conn.participantId === null) return
    const people = entries.flatMap((e) => {
      const user = AwarenessUserSchema.safeParse((e.state as { user?: unknown } | null)?.user)
      return user.success ? [{ id: user.data.id, name: user.data.name, role: conn.role }] : []
    })
    if (people.length > 0) onPresence(this.boardId, people)
  }

  private ownerOfAwarenessClient(clientId: number, conn: Connection) {
    for (const other of this.connections) {
      if (other !== conn && other.awarenessClients.has(clientId)) return true
    }
    return false
  }

  private reject(
    conn: Connection,
    code: (typeof CloseCodes)[keyof typeof CloseCodes],
    why: string,
  ) {
    this.deps.log.warn('sync.rejected', {
      boardId: this.boardId,
      connection: conn.id,
      code: code.code,
      reason: code.reason,
      detail: why.slice(0, 200),
    })
    conn.close(code)
    this.removeConnection(conn)
  }

  /**
   * Stores a client's update, then applies it; relayed from the update handler. If the store
   * refuses it, it is neither applied nor relayed and its sender is told (4503); the client
   * keeps it and sends it again when it reconnects.
   */
  private storeThenApply(conn: Connection, update: Uint8Array) {
    let written: number | Promise<number>
    try {
      written = this.deps.store.appendUpdate(this.boardId, update, this.deps.now())
    } catch (error) {
      this.refuseUnstored(conn, error)
      return
    }
    this.storedBytes += update.byteLength
    if (!(written instanceof Promise)) {
      this.lastSeq = Math.max(this.lastSeq, written)
      this.applyStored(conn, update)
      return
    }
    this.trackWrite(
      written.then(
        (seq) => {
          this.lastSeq = Math.max(this.lastSeq, seq)
          this.applyStored(conn, update)
        },
        (error: unknown) => {
          this.storedBytes -= update.byteLength
          this.refuseUnstored(conn, error)
        },
      ),
    )
  }

  /**
   * Applies a stored update (a client's, or one another instance stored), sending it to this
   * room's other clients first when it can: an update arriving alone, as most do, reaches their
   * screens without waiting for Yjs to apply it and for the turn to end. It cannot when the
   * document holds an update waiting for another (what Yjs applies may then be more than this
   * one), and need not for the second update of a turn: those go out merged, from flush.
   */
  private applyRelayedAhead(update: Uint8Array, origin: Connection | 'bus') {
    const ahead = !this.relayedThisTurn && this.connections.size > 0 && !hasPending(this.doc)
    if (ahead) {
      this.relayedThisTurn = true
      queueMicrotask(() => (this.relayedThisTurn = false))
      const message = encodeSyncMessage(SyncMessageType.Update, update)
      for (const conn of this.connections) if (conn !== origin) conn.send(message)
    }
    this.relayedAhead = ahead ? origin : null
    try {
      Y.applyUpdate(this.doc, update, origin)
    } finally {
      this.relayedAhead = null
    }
  }

  /** Applies an update that is stored; a document in this room must hold what the store holds. */
  private applyStored(conn: Connection, update: Uint8Array) {
    // The other instances get it whole, as stored, rather than what it changed here: it may wait
    // here for an update this room has not received yet, and when that one comes from the bus
    // both are applied in one transaction, which (coming from the bus) is not published.
    this.publish({ type: 'update', update })
    if (this.doc.isDestroyed) return
    try {
      this.applyRelayedAhead(update, conn)
      this.watchForGap()
    } catch (error) {
      // Frames are decoded completely before they are stored, so this is not expected.
      this.deps.log.error('sync.apply_failed', { boardId: this.boardId, error: String(error) })
    }
  }

  private refuseUnstored(conn: Connection, error: unknown) {
    if (!(error instanceof StorageUnavailableError)) {
      this.deps.log.error('store.append_failed', { boardId: this.boardId, error: String(error) })
    }
    // One log line per failure episode comes from the storage health, not one per update.
    if (conn.closed) return
    conn.close(CloseCodes.StorageUnavailable)
    this.removeConnection(conn)
  }

  /** Keeps a write so that flushing and unloading wait for it; never rejects. */
  private trackWrite(write: Promise<unknown>) {
    const settled = write.then(
      () => undefined,
      () => undefined,
    )
    this.pendingWrites.push(settled)
    void settled.then(() => {
      const i = this.pendingWrites.indexOf(settled)
      if (i >= 0) this.pendingWrites.splice(i, 1)
    })
    return settled
  }

  /**
   * A server edit is in the document but the store refused it: close everyone (their screens
   * keep their own edits and reconnect) and let the manager drop this room unstored.
   */
  private breakRoom() {
    if (this.broken) return
    this.broken = true
    this.closeAll(CloseCodes.StorageUnavailable)
    this.deps.hooks?.onBroken?.(this)
  }

  /**
   * Never throws: once an update handler throws, Yjs stops emitting updates for the document,
   * and the room would apply changes it neither stores nor relays.
   */
  private handleDocUpdate = (update: Uint8Array, origin: unknown) => {
    const o = origin as Origin
    this.fullState = null
    this.fullStateAnswer = null
    if (this.parts) {
      if (this.parts.length < MaxStateParts) this.parts.push(update)
      else this.parts = null
    }
    try {
      // A client's update was stored before it was applied (and published as stored); the
      // server's own is stored now.
      if (o instanceof Connection) this.afterStored(update, { publish: false })
      else if (o === 'bus') this.runChangeHook()
      else this.storeServerUpdate(update)
    } catch (error) {
      this.deps.log.error('room.update_handler_failed', {
        boardId: this.boardId,
        error: String(error),
      })
    }
    if (this.relayedAhead !== null && o === this.relayedAhead) {
      this.relayedAhead = null
      return
    }
    this.pendingUpdates.push({ update, origin: o })
    this.scheduleFlush()
  }

  /** A change the server made in the document itself (REST API, imports, workshop). */
  private storeServerUpdate(update: Uint8Array) {
    let written: number | Promise<number>
    try {
      written = this.deps.store.appendUpdate(this.boardId, update, this.deps.now())
    } catch (error) {
      this.serverWriteError = error
      if (this.serverWrites === null) this.breakRoom()
      return
    }
    this.storedBytes += update.byteLength
    if (!(written instanceof Promise)) {
      this.lastSeq = Math.max(this.lastSeq, written)
      this.afterStored(update)
      return
    }
    const stored = written.then((seq) => {
      this.lastSeq = Math.max(this.lastSeq, seq)
      this.afterStored(update)
    })
    const settled = this.trackWrite(stored)
    this.unstoredServerWrites.push(settled)
    void settled.then(() => {
      this.unstoredServerWrites.splice(this.unstoredServerWrites.indexOf(settled), 1)
    })
    stored.catch(() => this.breakRoom())
    this.serverWrites?.push(stored)
  }

  /** Publishing, hooks and compaction for an update that is (or is being) stored. */
  private afterStored(update: Uint8Array, { publish = true } = {}) {
    this.updatesSinceCompaction++
    if (publish) this.publish({ type: 'update', update })
    this.runChangeHook()
    if (this.updatesSinceCompaction >= this.deps.limits.compactAfterUpdates) {
      this.scheduleCompaction()
    }
  }

  /** Tells the other instances; a bus that fails must not stop this room. */
  private publish(message: RoomBusMessage) {
    try {
      this.deps.bus.publish(this.boardId, message)
    } catch (error) {
      this.deps.log.error('room.publish_failed', { boardId: this.boardId, error: String(error) })
    }
  }

  /** The change hook (indexes) runs for every change, whichever instance stored it. */
  private runChangeHook() {
    try {
      this.deps.hooks?.onChange?.(this.boardId, this.doc, this)
    } catch (error) {
      this.deps.log.error('room.hook_failed', { boardId: this.boardId, error: String(error) })
    }
  }

  private handleAwarenessUpdate = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ) => {
    const conn = [...this.connections].find((c) => c === origin)
    if (conn) {
      for (const id of added) conn.awarenessClients.add(id)
      for (const id of removed) conn.awarenessClients.delete(id)
    }
    const changed = [...added, ...updated, ...removed]
    for (const id of changed) this.pendingAwareness.add(id)
    // The presence of this instance's clients (and workers) reaches other instances' clients too.
    if ((origin instanceof Connection || origin === WorkerOrigin) && changed.length > 0) {
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)
      this.publish({ type: 'awareness', update })
    }
    this.scheduleFlush()
  }

  private scheduleFlush() {
    if (this.flushScheduled) return
    this.flushScheduled = true
    setImmediate(() => {
      this.flushScheduled = false
      // Client updates are applied only once stored; a server edit waits for its commit.
      if (this.unstoredServerWrites.length === 0) {
        this.flush()
        return
      }
      void Promise.all(this.unstoredServerWrites.slice()).then(() => this.flush())
    })
  }

  /** Sends what this turn produced: one merged update per client, minus its own changes. */
  private flush() {
    const pending = this.pendingUpdates
    this.pendingUpdates = []
    if (pending.length > 0) {
      const merged =
        pending.length === 1 ? pending[0]!.update : Y.mergeUpdates(pending.map((p) => p.update))
      const forAll = encodeSyncMessage(SyncMessageType.Update, merged)
      const origins = new Set(pending.map((p) => p.origin))
      for (const conn of this.connections) {
        if (!origins.has(conn)) {
          conn.send(forAll)
          continue
        }
        const others = pending.filter((p) => p.origin !== conn).map((p) => p.update)
        if (others.length === 0) continue
        const update = others.length === 1 ? others[0]! : Y.mergeUpdates(others)
        conn.send(encodeSyncMessage(SyncMessageType.Update, update))
      }
    }
    if (this.pendingAwareness.size > 0) {
      const ids = [...this.pendingAwareness]
      this.pendingAwareness.clear()
      const message = encodeAwarenessMessage(
        awarenessProtocol.encodeAwarenessUpdate(this.awareness, ids),
      )
      for (const conn of this.connections) conn.send(message)
    }
  }

  private scheduleCompaction() {
    if (this.compactionScheduled || this.destroyed) return
    this.compactionScheduled = true
    // Compaction is an optimisation: it runs after the current burst of messages.
    setTimeout(() => {
      this.compactionScheduled = false
      if (!this.destroyed) void this.compact()
    }, 50).unref()
  }

  private async compact() {
    await Promise.all(this.pendingWrites)
    if (this.broken) return
    // The snapshot must hold only what is stored: wait while a server edit awaits its commit.
    while (this.unstoredServerWrites.length > 0) await Promise.all(this.unstoredServerWrites)
    const snapshot = Y.encodeStateAsUpdate(this.doc)
    this.fullState = snapshot
    this.fullStateAnswer = null
    this.parts = [snapshot]
    const uptoSeq = this.lastSeq
    const count = this.updatesSinceCompaction
    this.updatesSinceCompaction = 0
    try {
      await this.deps.store.compactDocument(this.boardId, snapshot, uptoSeq)
      this.storedBytes = snapshot.byteLength
    } catch (error) {
      this.updatesSinceCompaction += count
      // A refused write is logged once per episode by the storage health.
      if (!(error instanceof StorageUnavailableError)) {
        this.deps.log.error('store.compact_failed', { boardId: this.boardId, error: String(error) })
      }
    }
  }
}

/** Viewers watch and chat; reactions are for commenters and editors. */
function withoutReaction(entry: AwarenessEntry): AwarenessEntry {
  const state = entry.state
  if (typeof state !== 'object' || state === null || !('reaction' in state)) return entry
  const { reaction: _, ...rest } = state as Record<string, unknown>
  return { ...entry, state: rest }
}
