import { Hono } from 'hono'
import { HTTPException } from 'hono/http-exception'
import type { UpgradeWebSocket } from 'hono/ws'
import type { WebSocket } from 'ws'
import type { ServerContext } from './context.js'
import { requestBodyLimits } from './http/bodyLimits.js'
import { ApiError, errorResponse } from './http/errors.js'
import { boardCreateRateLimit } from './http/rateLimit.js'
import { securityHeaders } from './http/securityHeaders.js'
import { BoardUnreadableError, StorageUnavailableError } from './persistence/storageErrors.js'
import { staticClient } from './http/staticClient.js'
import { assetRoutes } from './routes/assets.js'
import { boardRoutes } from './routes/boards.js'
import { canvasRoutes } from './routes/canvases.js'
import { healthRoutes } from './routes/health.js'
import { hypothesisRoutes, trackerRoutes } from './routes/hypotheses.js'
import { tokenRoutes } from './routes/tokens.js'
import { linkRoutes } from './routes/links.js'
import { workshopRoutes } from './routes/workshop.js'
import { boardAccess } from './access/restAccess.js'
import { syncRoutes } from './routes/sync.js'

/** The whole HTTP surface: REST API, sync endpoint and the built client. */
export function createApp(ctx: ServerContext, upgradeWebSocket: UpgradeWebSocket<WebSocket>) {
  const assets = assetRoutes(ctx)
  const app = new Hono()
    .use('*', securityHeaders(ctx.config.http))
    // Limits come before any other work: the rate limit, then the body size, then access.
    .use('/api/boards', boardCreateRateLimit(ctx.config.http))
    .use('*', requestBodyLimits(ctx.config))
    .use('/api/boards/*', boardAccess(ctx))
    .route('/api/health', healthRoutes(ctx))
    .get('/api/time', (c) => c.json({ now: ctx.now() }))
    .route('/api/boards', boardRoutes(ctx))
    .route('/api/boards', assets.upload)
    .route('/api/boards', canvasRoutes(ctx))
    .route('/api/boards', tokenRoutes(ctx))
    .route('/api/boards', hypothesisRoutes(ctx))
    .route('/api/boards', linkRoutes(ctx))
    .route('/api/boards', workshopRoutes(ctx))
    .route('/api/hypotheses', trackerRoutes(ctx))
    .route('/api/assets', assets.serve)
    .route('/sync', syncRoutes(ctx, upgradeWebSocket))

  // Described on first request: the document and the code that builds it are memory an idle
  // server need not hold.
  let openApi: object | undefined
  app.get('/api/openapi.json', async (c) => {
    openApi ??= (await import('./openapi.js')).buildOpenApiDocument()
    return c.json(openApi)
  })
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
      const code = error.status === 413 ? 'payload_too_large' : 'invalid_body'
      return errorResponse(c, code, error.message || 'Bad request')
    }
    ctx.log.error('http.error', { path: c.req.path, error: String(error?.stack ?? error) })
    return errorResponse(c, 'internal', 'Something went wrong on the server')
  })
  return app
}

export type AppType = ReturnType<typeof createApp>
