import { Hono } from 'hono'
import type { UpgradeWebSocket } from 'hono/ws'
import type { WebSocket } from 'ws'
import type { ServerContext } from '../context.js'
import { sameOriginOnly } from '../http/sameOrigin.js'
import type { ClientSession } from '../sync/RoomManager.js'

/**
 * The y-websocket endpoint: `/sync/<boardId>`, one socket per client. Another site's page may
 * not open one (a visitor's browser would bring the keys it holds) unless the operator allows
 * that site.
 */
export function syncRoutes(ctx: ServerContext, upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  return new Hono().get(
    '/:boardId',
    sameOriginOnly({
      allowedOrigins: ctx.config.http.syncAllowedOrigins,
      trustProxy: ctx.config.http.trustProxy,
    }),
    upgradeWebSocket((c) => {
      const boardId = c.req.param('boardId') ?? ''
      const url = new URL(c.req.url)
      const headers = c.req.raw.headers
      let session: ClientSession | undefined
      return {
        onOpen(_event, ws) {
          const raw = ws.raw!
          session = ctx.rooms.open(
            boardId,
            {
              send: (data) => raw.send(data),
              close: (code, reason) => raw.close(code, reason),
              bufferedAmount: () => raw.bufferedAmount,
              maxBufferedBytes: ctx.config.limits.maxSendQueueBytes,
            },
            url,
            headers,
          )
        },
        onMessage(event) {
          if (typeof event.data === 'string') {
            // y-websocket speaks binary only; a text frame is malformed.
            session?.receive(new Uint8Array([0xff]))
            return
          }
          session?.receive(new Uint8Array(event.data as ArrayBuffer))
        },
        onClose() {
          session?.close()
        },
        onError(event) {
          const error = (event as ErrorEvent).error
          ctx.log.warn('sync.socket_error', { boardId, error: String(error?.message ?? error) })
        },
      }
    }),
  )
}
