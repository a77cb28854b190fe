import { randomUUID } from 'node:crypto'
import { Redis } from 'ioredis'
import {
  decodeEventFrame,
  decodeRoomFrame,
  encodeEventFrame,
  encodeRoomFrame,
  type BoardEvent,
  type RoomBusMessage,
} from '../../shared/protocol/bus.js'
import type { Logger } from '../logger.js'
import type { RoomBus } from './RoomBus.js'

const Prefix = 'discovery-board:'
const roomChannel = (roomId: string) => `${Prefix}room:${roomId}`
const EventsChannel = `${Prefix}events`

/** How long a readiness ping waits for Redis before it counts as unreachable. */
const PING_TIMEOUT_MS = 2000

/**
 * The bus of several instances: Redis pub/sub, one channel per room plus one for board events.
 * Two connections (a subscribed connection can do nothing else); both reconnect on their own
 * and the subscriber subscribes again. While either is down the bus reports a failure, writes
 * are refused (see gatedPersistence.ts), and once both are back every room reads the store
 * again, since pub/sub keeps nothing for an instance that was not listening.
 */
export function createRedisBus(url: string, log: Logger): RoomBus {
  const instanceId = randomUUID()
  const options = {
    // A command waits for a reconnect rather than failing at once; publishing is not awaited.
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => Math.min(50 * 2 ** attempt, 2000),
    lazyConnect: false,
  }
  const pub = new Redis(url, { ...options, connectionName: `discovery-board-pub-${instanceId}` })
  const sub = new Redis(url, { ...options, connectionName: `discovery-board-sub-${instanceId}` })
  const rooms = new Map<string, Set<(message: RoomBusMessage) => void>>()
  const eventHandlers: ((event: BoardEvent) => void)[] = []
  const recoveredHandlers: (() => void)[] = []
  let lastError = 'connecting to Redis'
  let wasDown = false
  let downSince: number | null = Date.now()
  let closed = false

  const failure = () => {
    if (pub.status === 'ready' && sub.status === 'ready') return null
    return `Redis unreachable: ${lastError}`
  }

  const noteDown = (error?: unknown) => {
    if (error instanceof Error) lastError = error.message
    if (closed || downSince !== null) return
    downSince = Date.now()
    wasDown = true
    log.error('bus.unreachable', { reason: lastError })
  }
  const noteReady = () => {
    if (failure() !== null || downSince === null) return
    const downForMs = Date.now() - downSince
    downSince = null
    if (!wasDown) return
    wasDown = false
    log.warn('bus.recovered', { downForMs })
    for (const handler of recoveredHandlers) {
      try {
        handler()
      } catch (error) {
        log.error('bus.recover_failed', { error: String(error) })
      }
    }
  }
  for (const connection of [pub, sub]) {
    connection.on('error', (error: unknown) => noteDown(error))
    connection.on('close', () => noteDown(new Error('the connection to Redis closed')))
    connection.on('ready', noteReady)
  }

  const subscribed = sub.subscribe(EventsChannel)
  subscribed.catch(() => undefined)

  sub.on('messageBuffer', (channel: Buffer, data: Buffer) => {
    const name = channel.toString()
    try {
      if (name === EventsChannel) {
        const frame = decodeEventFrame(data.toString())
        if (frame.instanceId === instanceId) return
        for (const handler of eventHandlers) handler(frame.event)
        return
      }
      const handlers = rooms.get(name.slice(`${Prefix}room:`.length))
      if (!handlers) return
      const frame = decodeRoomFrame(new Uint8Array(data.buffer, data.byteOffset, data.byteLength))
      if (frame.instanceId === instanceId) return
      for (const handler of handlers) handler(frame.message)
    } catch (error) {
      // A frame no instance of this version sent: dropped, never applied.
      log.error('bus.message_invalid', { channel: name, error: String(error) })
    }
  })

  const publishFrame = (channel: string, frame: string | Uint8Array) => {
    pub
      .publish(channel, typeof frame === 'string' ? frame : Buffer.from(frame))
      .catch((error: unknown) => log.error('bus.publish_failed', { channel, error: String(error) }))
  }

  return {
    async subscribe(roomId, onMessage) {
      const down = failure()
      if (down) throw new Error(down)
      let handlers = rooms.get(roomId)
      const first = !handlers
      if (!handlers) rooms.set(roomId, (handlers = new Set()))
      handlers.add(onMessage)
      if (first) await sub.subscribe(roomChannel(roomId))
      return () => {
        const current = rooms.get(roomId)
        if (!current?.delete(onMessage) || current.size > 0) return
        rooms.delete(roomId)
        if (!closed) sub.unsubscribe(roomChannel(roomId)).catch(() => undefined)
      }
    },
    publish(roomId, message) {
      publishFrame(roomChannel(roomId), encodeRoomFrame(instanceId, message))
    },
    publishEvent(event) {
      publishFrame(EventsChannel, encodeEventFrame(instanceId, event))
    },
    onEvent(handler) {
      eventHandlers.push(handler)
    },
    onRecovered(handler) {
      recoveredHandlers.push(handler)
    },
    failure,
    async ping() {
      const down = failure()
      if (down) throw new Error(down)
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          pub.ping(),
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(new Error('Redis did not answer PING')),
              PING_TIMEOUT_MS,
            )
          }),
        ])
      } finally {
        clearTimeout(timer)
      }
    },
    async close() {
      closed = true
      await Promise.allSettled([pub.quit(), sub.quit()])
      pub.disconnect()
      sub.disconnect()
    },
  }
}
