import WebSocket from 'ws'
import { syncPath } from '../shared/protocol/messages.js'
import type { RecordListener, Receiver } from './receivers.js'
import { withTimeout } from './wait.js'

interface Subscription {
  prefix: Buffer
  listener: RecordListener
}

/** Every distinct `prefix` + digits in `frame`: record ids, found without decoding the frame. */
function findIds(frame: Buffer, prefix: Buffer): Set<string> {
  const ids = new Set<string>()
  for (let at = frame.indexOf(prefix); at !== -1; at = frame.indexOf(prefix, at + prefix.length)) {
    let end = at + prefix.length
    while (end < frame.length && frame[end]! >= 0x30 && frame[end]! <= 0x39) end++
    if (end > at + prefix.length) ids.add(frame.toString('latin1', at, end))
  }
  return ids
}

/**
 * Raw sockets on the sync endpoint that neither apply nor decode updates: they find the ids of
 * the records in each frame by scanning its bytes (Yjs writes map keys and string values as
 * UTF-8). So they cost this process next to nothing, and the times they report are the
 * server's delivery rather than 100 clients in one process taking turns to apply each update.
 * Listeners get no value, only the id, which must be `prefix` followed by digits. The server
 * sends updates to every connection of a room, so these never need to send anything.
 */
export class WireReceiverPool {
  readonly receivers: Receiver[] = []
  private readonly sockets: WebSocket[] = []

  constructor(
    private readonly wsUrl: string,
    private readonly boardId: string,
    private readonly now: () => number,
  ) {}

  /** Opens sockets until there are `n`; one has joined the room once the server sent it step 1. */
  async growTo(n: number, timeoutMs = 30_000) {
    const joined: Promise<void>[] = []
    while (this.sockets.length < n) {
      const socket = new WebSocket(`${this.wsUrl}${syncPath(this.boardId)}`)
      const subscriptions = new Set<Subscription>()
      this.sockets.push(socket)
      joined.push(
        new Promise<void>((resolve, reject) => {
          socket.once('message', () => resolve())
          socket.once('error', reject)
        }),
      )
      socket.on('message', (frame: Buffer) => {
        if (subscriptions.size === 0) return
        const receivedAt = this.now()
        for (const { prefix, listener } of subscriptions) {
          for (const id of findIds(frame, prefix)) listener(id, undefined, receivedAt)
        }
      })
      this.receivers.push({
        observe(prefix, listener) {
          const subscription = { prefix: Buffer.from(prefix, 'latin1'), listener }
          subscriptions.add(subscription)
          return () => subscriptions.delete(subscription)
        },
      })
    }
    await withTimeout(Promise.all(joined), timeoutMs, `${n} raw sockets joining`)
  }

  /** Closes every socket. */
  destroy() {
    for (const socket of this.sockets.splice(0)) socket.terminate()
    this.receivers.splice(0)
  }
}
