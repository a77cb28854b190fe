import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import type { UpgradeWebSocket } from 'hono/ws'
import type { WebSocket } from 'ws'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { CommentsQueryParam, DraftsQueryParam } from '../../shared/protocol/syncParams.js'
import { ParticipantParam } from '../../shared/workshop/participant.js'
import type { ServerContext } from '../context.js'
import { errors } from '../http/openApi.js'
import { sameOriginOnly } from '../http/sameOrigin.js'
import { asksForDrafts } from '../drafts/draftRooms.js'
import { asksForComments } from '../comments/commentRooms.js'
import type { ClientSession } from '../sync/RoomManager.js'

/**
 * Described in the API document, served by the WebSocket helper: the upgrade is not a request
 * the validators or the typed client can handle, and the socket reports errors by close code.
 */
const syncRoute = createRoute({
  method: 'get',
  path: '/{boardId}',
  operationId: 'sync',
  summary: 'Realtime sync: a WebSocket speaking the y-websocket protocol (docs/protocol.md)',
  description:
    'Send the WebSocket upgrade. Without a valid key the socket is closed with 4404; comment and ' +
    'view links sync down only. The close codes are listed in docs/protocol.md. A page of ' +
    'another site may not open one unless the operator allows that site.',
  security: [],
  request: {
    params: z.object({ boardId: BoardIdSchema }),
    query: z.object({
      key: z.string().optional().describe('A board key (owner or share link)'),
      [ParticipantParam]: z
        .string()
        .optional()
        .describe(
          'The participant secret this client’s person is known by; its presence must go by the ' +
            'secret’s participant id. Malformed: closed with 4406; required with drafts=1',
        ),
      [DraftsQueryParam]: z
        .literal('1')
        .optional()
        .describe(
          "Sync the person's private drafts on this board instead of the board (edit links only)",
        ),
      [CommentsQueryParam]: z
        .literal('1')
        .optional()
        .describe("Sync the board's comments instead of the board (read-only, any link)"),
    }),
  },
  responses: {
    101: { description: 'Switching Protocols: the sync socket is open' },
    ...errors(403),
  },
})

/**
 * The y-websocket endpoint: `/sync/<boardId>`, one socket per client. Another site's page may
 * not open one (a visitor's browser would bring the keys it holds) unless the operator allows
 * that site.
 */
export function syncRoutes(ctx: ServerContext, upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  const routes = new OpenAPIHono()
  routes.openAPIRegistry.registerPath(syncRoute)
  return routes.get(
    syncRoute.getRoutingPath(),
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
          // A person's drafts are a room of their own (server/drafts/draftRooms.ts).
          // A board's comments too, read-only (server/comments/commentRooms.ts).
          const manager = asksForDrafts(url)
            ? ctx.drafts
            : asksForComments(url)
              ? ctx.comments
              : ctx.rooms
          session = manager.open(
            boardId,
            {
              send: (data) => raw.send(data),
              sendFlushed: (data) => new Promise((resolve) => raw.send(data, () => resolve())),
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
          const { error } = event as Event & { error?: Error }
          ctx.log.warn('sync.socket_error', { boardId, error: String(error?.message ?? error) })
        },
      }
    }),
  )
}
