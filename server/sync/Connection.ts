import type { Role } from '../../shared/api/links.js'
import { CloseCodes, type CloseCode } from '../../shared/protocol/closeCodes.js'

/** What a connection may do with a board's document. */
export type Permission = 'read' | 'write'

/** A client socket as the room sees it; the transport (ws via Hono) is behind this. */
export interface SocketLike {
  send(data: Uint8Array): void
  /** Sends and resolves once the message is handed to the network (or the socket failed). */
  sendFlushed?(data: Uint8Array): Promise<void>
  close(code: number, reason: string): void
  /** Bytes queued for this client and not yet written to the network. */
  bufferedAmount?(): number
  /** A client whose queue passes this has stopped reading and is disconnected. */
  readonly maxBufferedBytes?: number
}

/** One client of one room. */
export class Connection {
  /** Awareness client ids this connection has published, removed when it leaves. */
  readonly awarenessClients = new Set<number>()
  /**
   * The id its presence goes by: the participant id the server derived from the secret on the
   * sync URL or, for a client that sent none, one of its own that names nobody else.
   */
  readonly presenceId: string
  /** Presence claiming another id was refused on this connection (it is logged once). */
  identityRefused = false
  closed = false

  constructor(
    readonly id: number,
    readonly socket: SocketLike,
    readonly permission: Permission,
    /** Who opened it, from the key on the sync URL; viewers may not send reactions. */
    readonly role: Role = permission === 'write' ? 'edit' : 'view',
    /** The participant id of the secret the client sent, or null if it sent none. */
    readonly participantId: string | null = null,
  ) {
    this.presenceId = participantId ?? `guest-${id}`
  }

  /** Whether it was opened with the owner's key. */
  get isOwner() {
    return this.role === 'owner'
  }

  /**
   * Queues a message for the client. A client whose queue is already over its limit has stopped
   * reading: it is closed instead, so the room never waits for it and never holds more than the
   * limit (plus one message) for it. The check is made before sending, so one message larger
   * than the limit (a first sync of a large board) still goes out to a client that keeps up.
   */
  send(data: Uint8Array) {
    if (this.closed) return
    const max = this.socket.maxBufferedBytes
    if (max !== undefined && (this.socket.bufferedAmount?.() ?? 0) > max) {
      this.close(CloseCodes.SendQueueFull)
      return
    }
    this.socket.send(data)
  }

  close({ code, reason }: CloseCode) {
    if (this.closed) return
    this.closed = true
    this.socket.close(code, reason)
  }
}
