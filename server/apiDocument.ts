import type { OpenAPIHono } from '@hono/zod-openapi'
import { registerWebhookDelivery } from './routes/webhooks.js'

/**
 * The OpenAPI 3.1 document of an app whose routes are declared with `createRoute`: generated
 * from the same zod schemas that validate the requests, never written by hand.
 */
export function apiDocument(app: OpenAPIHono) {
  const registry = app.openAPIRegistry
  registry.registerComponent('securitySchemes', 'boardKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'A board key: the owner key or the key of an edit, comment or view link',
  })
  registry.registerComponent('securitySchemes', 'boardKeyQuery', {
    type: 'apiKey',
    in: 'query',
    name: 'key',
    description: 'The board key in the query, for plain links (downloads)',
  })
  registry.registerComponent('securitySchemes', 'creationToken', {
    type: 'http',
    scheme: 'bearer',
    description:
      'The server’s creation token, needed to create a board where the operator set BOARD_CREATION_TOKEN',
  })
  registry.registerComponent('securitySchemes', 'ingestionToken', {
    type: 'http',
    scheme: 'bearer',
    description: 'An ingestion token of the board (POST /api/boards/{boardId}/tokens)',
  })
  registerWebhookDelivery(registry)
  const document = app.getOpenAPI31Document({
    openapi: '3.1.0',
    info: {
      title: 'Discovery Board API',
      version: '1',
      description:
        'Boards, typed canvases, hypotheses with measured outcomes, workshops, and markdown ' +
        'export/import. Errors are `{ error: { code, message, details? } }`; any route may also ' +
        'answer 500 (`internal`, `board_unreadable`) with that body. Board routes need a board ' +
        'key (Authorization: Bearer <key>, or ?key= on plain links) unless the server runs as ' +
        'an open instance; without a valid key a board answers 404, a role that does not ' +
        'allow the action 403 (deleting, restoring, share links and ingestion tokens are the ' +
        'owner’s), and a deleted board 410 `gone`. Measurements are posted with an ingestion token created for the ' +
        'board. Realtime sync is the y-websocket protocol at /sync/{boardId}?key=<key> ' +
        '(docs/protocol.md).',
    },
    servers: [{ url: '/', description: 'The server that serves this document' }],
    security: [{ boardKey: [] }, { boardKeyQuery: [] }],
  })
  // The access check answers 410 for a deleted board on every board route, as it answers 404
  // without a key: declared here once, for the routes that do not say more themselves.
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    if (!path.startsWith('/api/boards/{boardId}')) continue
    for (const operation of Object.values(item ?? {})) {
      if (typeof operation !== 'object' || !('responses' in operation)) continue
      const responses = operation.responses as Record<string, unknown> | undefined
      if (!responses || '410' in responses) continue
      responses['410'] = {
        description: DeletedBoardAnswer,
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
      }
    }
  }
  return document
}

const DeletedBoardAnswer =
  'The board was deleted (`gone`, details `{ deletedAt, deletedBy }`); without a valid key it answers 404'
