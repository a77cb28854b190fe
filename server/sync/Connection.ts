import type { Role } from '../../shared/api/links.js'
import type { CloseCode } from '../../shared/protocol/closeCodes.js'

/** What a connection may do with a board's document. */
export type Permission = 'read' | 'write'

/** A client socket as the room sees it; the transport (ws via Hono) is behind this. */
export interface SocketLike {
  send(data: Uint8Array): void
  close(code: number, reason: string): void
}

/** One client of one room. */
export class Connection {
  /** Awareness client ids this connection has published, removed when it leaves. */
  readonly awarenessClients = new Set<number>()
  closed = false

  constructor(
    readonly id: number,
    readonly socket: SocketLike,
    readonly permission: Permission,
    /** Who opened it, from the key on the sync URL; viewers may not send reactions. */
    readonly role: Role = permission === 'write' ? 'edit' : 'view',
  ) {}

  send(data: Uint8Array) {
    if (!this.closed) this.socket.send(data)
  }

  close({ code, reason }: CloseCode) {
    if (this.closed) return
    this.closed = true
    this.socket.close(code, reason)
  }
}
