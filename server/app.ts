import { OpenAPIHono, createRoute } from '@hono/zod-openapi'
import { HTTPException } from 'hono/http-exception'
import type { UpgradeWebSocket } from 'hono/ws'
import type { WebSocket } from 'ws'
import { z } from 'zod'
import { ServerTimeSchema } from '../shared/api/workshop.js'
import { apiDocument } from './apiDocument.js'
import type { ServerContext } from './context.js'
import { requestBodyLimits } from './http/bodyLimits.js'
import { ApiError, errorResponse } from './http/errors.js'
import { json, validationHook } from './http/openApi.js'
import { requireCreationToken } from './http/creationToken.js'
import { boardCreateRateLimit } from './http/rateLimit.js'
import { securityHeaders } from './http/securityHeaders.js'
import { BoardUnreadableError, StorageUnavailableError } from './persistence/storageErrors.js'
import { staticClient } from './http/staticClient.js'
import { assetRoutes } from './routes/assets.js'
import { boardRoutes } from './routes/boards.js'
import { canvasRoutes } from './routes/canvases.js'
import { healthRoutes, readyRoutes } from './routes/health.js'
import { commentRoutes } from './routes/comments.js'
import { versionRoutes } from './routes/versions.js'
import { hypothesisRoutes, trackerRoutes } from './routes/hypotheses.js'
import { tokenRoutes } from './routes/tokens.js'
import { webhookRoutes } from './routes/webhooks.js'
import { portfolioRoutes, projectRoutes } from './routes/projects.js'
import { checkinRoutes } from './routes/checkins.js'
import { linkRoutes } from './routes/links.js'
import { workshopRoutes } from './routes/workshop.js'
import { boardAccess } from './access/restAccess.js'
import { syncRoutes } from './routes/sync.js'
import { agentRoutes } from './routes/agents.js'
import { sourceRoutes } from './routes/sources.js'

/** The whole HTTP surface: REST API, sync endpoint and the built client. */
export function createApp(ctx: ServerContext, upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  const app = new OpenAPIHono({ defaultHook: validationHook })
  app.use('*', securityHeaders(ctx.config.http))
  // Limits come before any other work: the rate limit (then the creation token), then the body
  // size, then access.
  app.use('/api/boards', boardCreateRateLimit(ctx.config.http))
  app.use('/api/boards', requireCreationToken(ctx.config.http.boardCreationToken))
  app.use('*', requestBodyLimits(ctx.config))
  app.use('/api/boards/*', boardAccess(ctx))
  const api = app
    .route('/api/health', healthRoutes(ctx))
    .route('/api/ready', readyRoutes(ctx))
    .openapi(
      createRoute({
        method: 'get',
        path: '/api/time',
        operationId: 'serverTime',
        summary: 'The server clock (epoch ms), to show one timer on every screen',
        security: [],
        responses: { 200: json(ServerTimeSchema, 'The server time') },
      }),
      (c) => c.json({ now: ctx.now() }, 200),
    )
    .route('/api/boards', boardRoutes(ctx))
    .route('/api/boards', assetRoutes(ctx))
    .route('/api/boards', canvasRoutes(ctx))
    .route('/api/boards', tokenRoutes(ctx))
    .route('/api/boards', hypothesisRoutes(ctx))
    .route('/api/boards', linkRoutes(ctx))
    .route('/api/boards', workshopRoutes(ctx))
    .route('/api/boards', commentRoutes(ctx))
    .route('/api/boards', versionRoutes(ctx))
    .route('/api/boards', webhookRoutes(ctx))
    .route('/api/boards', projectRoutes(ctx))
    .route('/api/boards', checkinRoutes(ctx))
    .route('/api/boards', sourceRoutes(ctx))
    .route('/api/hypotheses', trackerRoutes(ctx))
    .route('/api', portfolioRoutes(ctx))
    .route('/sync', syncRoutes(ctx, upgradeWebSocket))
    .route('/mcp', agentRoutes(ctx))

  // Generated on first request from the routes above: an idle server need not hold it.
  let document: ReturnType<typeof apiDocument> | undefined
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/openapi.json',
      operationId: 'openApiDocument',
      summary: 'This document: the OpenAPI 3.1 description of the API',
      security: [],
      responses: {
        200: json(z.record(z.string(), z.unknown()), 'The OpenAPI document'),
      },
    }),
    (c) => c.json((document ??= apiDocument(app)), 200),
  )
  app.all('/api/*', () => {
    throw new ApiError('not_found', 'No such endpoint')
  })
  app.route('/', staticClient(ctx))

  app.onError((error, c) => {
    if (error instanceof ApiError) return errorResponse(c, error.code, error.message, error.details)
    if (error instanceof StorageUnavailableError) {
      return errorResponse(
        c,
        'storage_unavailable',
        'The server cannot save right now; nothing was changed. Try again shortly.',
      )
    }
    if (error instanceof BoardUnreadableError) {
      ctx.log.error('board.unreadable', {
        boardId: error.boardId,
        path: c.req.path,
        cause: error.message,
      })
      return errorResponse(
        c,
        'board_unreadable',
        "This board's stored data cannot be read. The operator can repair it with `npm run doctor`.",
      )
    }
    if (error instanceof HTTPException && error.status < 500) {
      if (error.status === 415) {
        // Only routes with a JSON body refuse a Content-Type before their handler runs.
        return errorResponse(c, 'unsupported_media_type', 'Send this body as application/json')
      }
      const code = error.status === 413 ? 'payload_too_large' : 'invalid_body'
      return errorResponse(c, code, error.message || 'Bad request')
    }
    ctx.log.error('http.error', { path: c.req.path, error: String(error?.stack ?? error) })
    return errorResponse(c, 'internal', 'Something went wrong on the server')
  })
  return api
}

/** The REST API's routes with their request and answer types, for the typed client. */
export type AppType = ReturnType<typeof createApp>
