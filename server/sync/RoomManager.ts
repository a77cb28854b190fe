import type { Role } from '../../shared/api/links.js'
import { CloseCodes, type CloseCode } from '../../shared/protocol/closeCodes.js'
import type { Logger } from '../logger.js'
import { Connection, type Permission, type SocketLike } from './Connection.js'
import { BoardUnreadableError, StorageUnavailableError } from '../persistence/storageErrors.js'
import { Room, type RoomDeps } from './Room.js'
import * as Y from 'yjs'
import { SyncMessageType } from '../../shared/protocol/messages.js'
import { encodeSyncMessage } from './messageCodec.js'

/**
 * Decides what a connection may do and who it is (`participantId`, null for a client that sent
 * no participant secret), or refuses it with a close code. `roomId` sends it to another
 * document than the board's (a person's drafts), derived by the server.
 */
export type Authorize = (request: {
  boardId: string
  url: URL
  headers: Headers
}) => Promise<
  | { permission: Permission; role?: Role; participantId?: string | null; roomId?: string }
  | { refuse: CloseCode }
>

export interface RoomManagerOptions extends RoomDeps {
  authorize: Authorize
  /** How long a room stays loaded after its last client left. */
  unloadAfterMs: number
  log: Logger
}

/** A socket authorised for a room that is still loading, with the frames it sent meanwhile. */
interface Waiter {
  socket: SocketLike
  buffered: Uint8Array[]
  /** It was sent the room's stored snapshot while the room loaded. */
  sentSnapshot: boolean
  /** The socket has closed. */
  gone: boolean
}

/** The first message of a standard client with an empty document: "send me everything". */
const EmptyStep1 = encodeSyncMessage(SyncMessageType.Step1, Y.encodeStateVector(new Y.Doc()))
const isEmptyStep1 = (frame: Uint8Array) =>
  frame.byteLength === EmptyStep1.byteLength && frame.every((b, i) => b === EmptyStep1[i])

/**
 * How long a room's load waits for its snapshot to reach the waiting clients' sockets before it
 * applies it anyway (a client that does not read must not hold the board up).
 */
const EarlySnapshotWaitMs = 250

/** The handle the transport holds for one socket. */
export interface ClientSession {
  receive(data: Uint8Array): void
  close(): void
}

/**
 * Opens rooms on demand, routes sockets to them and unloads idle rooms. Messages that arrive
 * while a room loads or a connection is being authorised are buffered, never dropped.
 */
export class RoomManager {
  private readonly rooms = new Map<string, Promise<Room>>()
  private readonly unloadTimers = new Map<string, NodeJS.Timeout>()
  /**
   * Rooms being unloaded, until their last writes and compaction are stored: the board's next
   * room loads after them. A write to a database across the network is visible only once it
   * commits, so a room loaded sooner would miss edits the unloading room still stores.
   */
  private readonly unloading = new Map<string, Promise<void>>()
  private nextConnectionId = 1
  /** Sockets waiting for each loading room (see `sendSnapshot`). */
  private readonly waiting = new Map<string, Set<Waiter>>()

  constructor(private readonly options: RoomManagerOptions) {}

  /** Accepts a socket for a board; call `receive` for each frame and `close` when it closes. */
  open(boardId: string, socket: SocketLike, url: URL, headers: Headers): ClientSession {
    const buffered: Uint8Array[] = []
    let conn: Connection | undefined
    let room: Room | undefined
    let gone = false
    const waiter: Waiter = { socket, buffered, sentSnapshot: false, gone: false }

    const ready = async (): Promise<void> => {
      const verdict = await this.options.authorize({ boardId, url, headers })
      if (gone) return
      if ('refuse' in verdict) {
        this.options.log.info('sync.refused', { boardId, code: verdict.refuse.code })
        socket.close(verdict.refuse.code, verdict.refuse.reason)
        return
      }
      const roomId = verdict.roomId ?? boardId
      let waiters = this.waiting.get(roomId)
      if (!waiters) this.waiting.set(roomId, (waiters = new Set()))
      waiters.add(waiter)
      const loading = this.getRoom(roomId)
      let r: Room
      try {
        r = await loading
      } finally {
        waiters.delete(waiter)
        if (waiters.size === 0 && this.waiting.get(roomId) === waiters) this.waiting.delete(roomId)
      }
      // It has the snapshot: its "send me everything" asks for what lies beyond it.
      if (waiter.sentSnapshot && r.snapshotVector) {
        const beyond = encodeSyncMessage(SyncMessageType.Step1, r.snapshotVector)
        buffered.forEach((frame, i) => {
          if (isEmptyStep1(frame)) buffered[i] = beyond
        })
      }
      if (gone) {
        this.scheduleUnloadIfIdle(r)
        return
      }
      // The room was closed while this socket waited for it (the board was deleted, or it was
      // unloaded or dropped): ask again, so a deleted board is refused rather than joined.
      if (this.rooms.get(roomId) !== loading) return ready()
      conn = new Connection(
        this.nextConnectionId++,
        socket,
        verdict.permission,
        verdict.role,
        verdict.participantId,
      )
      room = r
      this.cancelUnload(r.boardId)
      r.addConnection(conn)
      for (const data of buffered.splice(0)) r.receive(conn, data)
    }
    ready().catch((error: unknown) => {
      // An unreadable board was logged by getRoom; it closes with its own code.
      // A store that cannot be reached closes with the code clients reconnect after.
      const code =
        error instanceof BoardUnreadableError
          ? CloseCodes.BoardUnreadable
          : error instanceof StorageUnavailableError
            ? CloseCodes.StorageUnavailable
            : CloseCodes.ServerError
      if (!(error instanceof BoardUnreadableError || error instanceof StorageUnavailableError)) {
        this.options.log.error('sync.open_failed', { boardId, error: String(error) })
      }
      socket.close(code.code, code.reason)
    })

    return {
      receive: (data) => {
        if (room && conn) room.receive(conn, data)
        else buffered.push(data)
      },
      close: () => {
        gone = true
        waiter.gone = true
        if (room && conn) {
          conn.closed = true
          room.removeConnection(conn)
          this.scheduleUnloadIfIdle(room)
        }
      },
    }
  }

  /** The loaded room of a board, loading it if needed (used by the REST API as well). */
  getRoom(boardId: string): Promise<Room> {
    let room = this.rooms.get(boardId)
    if (!room) {
      const hooks = { ...this.options.hooks, onBroken: (broken: Room) => this.drop(broken) }
      const r = new Room(boardId, { ...this.options, hooks })
      const previous = this.unloading.get(boardId)
      const load = () => r.load({ onSnapshot: (s) => this.sendSnapshot(boardId, s) })
      room = (previous ? previous.then(load) : load()).then(() => r)
      this.rooms.set(boardId, room)
      // A board that cannot be loaded breaks only itself: it is forgotten (the next request
      // tries again) and the cause is logged with its id; callers get the rejection.
      room.then(
        // A room opened by the API alone is unloaded like one whose clients left.
        (loaded) => this.scheduleUnloadIfIdle(loaded),
        (error: unknown) => {
          if (this.rooms.get(boardId) === room) this.rooms.delete(boardId)
          r.discard()
          // An unreachable store was logged once for its episode by the storage health.
          if (error instanceof StorageUnavailableError) return
          this.options.log.error('board.unreadable', {
            boardId,
            cause: error instanceof BoardUnreadableError ? String(error.cause) : String(error),
          })
        },
      )
    } else if (this.unloadTimers.has(boardId)) {
      // In use through the API: an idle room stays loaded while requests keep coming.
      room.then(
        (loaded) => {
          if (!this.unloadTimers.has(boardId)) return
          this.cancelUnload(boardId)
          this.scheduleUnloadIfIdle(loaded)
        },
        () => undefined,
      )
    }
    return room
  }

  /**
   * Sends a loading room's stored snapshot (verified on read) to the sockets waiting for it that
   * asked for everything, so that they apply it while the room does; waits until it is handed to
   * their sockets (at most `EarlySnapshotWaitMs`), since applying a large board holds the event
   * loop. Their request is answered later with what lies beyond the snapshot.
   */
  private async sendSnapshot(roomId: string, snapshot: Uint8Array) {
    const eligible = [...(this.waiting.get(roomId) ?? [])].filter(
      (w) => !w.gone && !w.sentSnapshot && w.buffered.some(isEmptyStep1),
    )
    if (eligible.length === 0) return
    const message = encodeSyncMessage(SyncMessageType.Step2, snapshot)
    const sent = eligible.map((w) => {
      w.sentSnapshot = true
      try {
        if (w.socket.sendFlushed) return w.socket.sendFlushed(message)
        w.socket.send(message)
      } catch {
        // A socket that failed is closed by its transport; the room loads all the same.
      }
      return undefined
    })
    let timer: NodeJS.Timeout | undefined
    await Promise.race([
      Promise.all(sent),
      new Promise((resolve) => (timer = setTimeout(resolve, EarlySnapshotWaitMs))),
    ])
    clearTimeout(timer)
  }

  /** Closes every connection to a board (deleted board, revoked access) and unloads it. */
  async closeBoard(boardId: string, code: CloseCode) {
    const room = this.rooms.get(boardId)
    if (!room) return
    // Forgotten at once: a socket still waiting for this room is authorised again.
    this.rooms.delete(boardId)
    this.cancelUnload(boardId)
    await this.whileUnloading(
      boardId,
      room.then(
        (r) => {
          r.closeAll(code)
          return this.unload(r)
        },
        () => undefined,
      ),
    )
  }

  /** Runs `fn` on a board's room if it is loaded; nothing happens for a board nobody has open. */
  withLoadedRoom(boardId: string, fn: (room: Room) => void) {
    void this.rooms.get(boardId)?.then(fn, () => undefined)
  }

  /** Closes the connections of a loaded board that `which` picks (a rotated or disabled link). */
  async closeConnections(boardId: string, which: (conn: Connection) => boolean, code: CloseCode) {
    const room = this.rooms.get(boardId)
    if (!room) return
    const r = await room.catch(() => undefined)
    if (!r) return
    r.closeWhere(which, code)
    this.scheduleUnloadIfIdle(r)
  }

  /**
   * Reads every loaded room's document again from the store (after the bus was unreachable:
   * what other instances published meanwhile may be lost).
   */
  catchUp() {
    for (const roomId of this.rooms.keys()) {
      this.withLoadedRoom(roomId, (room) => {
        room.catchUp().catch((error: unknown) =>
          this.options.log.error('bus.catch_up_failed', {
            boardId: roomId,
            error: String(error),
          }),
        )
      })
    }
  }

  /** The ids of the rooms loaded or loading. */
  roomIds(): string[] {
    return [...this.rooms.keys()]
  }

  /** Number of loaded rooms. */
  get size() {
    return this.rooms.size
  }

  /** Closes every connection and unloads every room (server shutdown). */
  async closeAll() {
    for (const timer of this.unloadTimers.values()) clearTimeout(timer)
    this.unloadTimers.clear()
    const rooms = await Promise.allSettled([...this.rooms.values()])
    for (const r of rooms) {
      if (r.status === 'fulfilled') {
        r.value.closeAll(CloseCodes.ServerShuttingDown)
        await this.unload(r.value)
      }
    }
  }

  /** Forgets a room that holds a change the store refused; its next load reads the store. */
  private drop(room: Room) {
    this.cancelUnload(room.boardId)
    const current = this.rooms.get(room.boardId)
    void current?.then(
      (r) => {
        if (r === room && this.rooms.get(room.boardId) === current) this.rooms.delete(room.boardId)
      },
      () => undefined,
    )
    void this.whileUnloading(room.boardId, room.destroy()).catch((error: unknown) =>
      this.options.log.error('room.destroy_failed', {
        boardId: room.boardId,
        error: String(error),
      }),
    )
    this.options.log.warn('room.dropped_unstored', { boardId: room.boardId })
  }

  private cancelUnload(boardId: string) {
    const timer = this.unloadTimers.get(boardId)
    if (timer) clearTimeout(timer)
    this.unloadTimers.delete(boardId)
  }

  private scheduleUnloadIfIdle(room: Room) {
    if (room.connections.size > 0 || this.unloadTimers.has(room.boardId)) return
    const timer = setTimeout(() => {
      this.unloadTimers.delete(room.boardId)
      if (room.connections.size === 0) void this.unload(room, { onlyIfIdle: true })
    }, this.options.unloadAfterMs)
    timer.unref()
    this.unloadTimers.set(room.boardId, timer)
  }

  private async unload(room: Room, { onlyIfIdle = false } = {}) {
    this.cancelUnload(room.boardId)
    const current = this.rooms.get(room.boardId)
    const isCurrent = current !== undefined && (await current.catch(() => undefined)) === room
    // A client may have joined while we waited.
    if (onlyIfIdle && room.connections.size > 0) return
    if (isCurrent) this.rooms.delete(room.boardId)
    await this.whileUnloading(room.boardId, room.destroy())
    this.options.log.info('room.unloaded', { boardId: room.boardId })
  }

  /**
   * Keeps `done` (a room of the board storing its last writes) among the unloads the board's
   * next room waits for, until it settles either way; answers `done` itself.
   */
  private whileUnloading<T>(boardId: string, done: Promise<T>): Promise<T> {
    const before = this.unloading.get(boardId)
    const settled = Promise.allSettled([before, done]).then(() => undefined)
    this.unloading.set(boardId, settled)
    void settled.then(() => {
      if (this.unloading.get(boardId) === settled) this.unloading.delete(boardId)
    })
    return done
  }
}
