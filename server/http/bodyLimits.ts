import type { Context, MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { Config } from '../config.js'
import { MaxImportBytes } from '../../shared/protocol/limits.js'
import { ApiError } from './errors.js'

/** Markdown import; the import route checks the same number while reading. */
export const MaxImportBodyBytes = MaxImportBytes

interface RouteLimit {
  method: string
  path: RegExp
  /** The route's own limit; it reads its body through `bodyLimit` with this number. */
  maxBytes: number | undefined
}

/**
 * Routes whose bodies may be larger than a JSON body. Each reads its body through its own
 * `bodyLimit` after its own checks, so here only a declared Content-Length is judged, before
 * the board key is. The measurements route is left entirely to itself: it checks the ingestion
 * token before it looks at the body at all (401 before 413), and reads nothing before that.
 */
function routeLimits(config: Config): RouteLimit[] {
  return [
    {
      method: 'POST',
      path: /^\/api\/boards\/[^/]+\/assets$/,
      maxBytes: config.limits.maxAssetBytes,
    },
    { method: 'POST', path: /^\/api\/boards\/[^/]+\/import$/, maxBytes: MaxImportBodyBytes },
    {
      method: 'POST',
      path: /^\/api\/boards\/[^/]+\/hypotheses\/[^/]+\/measurements$/,
      // MaxMeasurementBodyBytes, checked by the route after the token.
      maxBytes: undefined,
    },
  ]
}

const tooLarge = (maxBytes: number) => () => {
  throw new ApiError('payload_too_large', `The request body may be at most ${maxBytes} bytes`)
}

/**
 * A body limit on every request, checked before any other work (access checks included): a
 * Content-Length over the limit is refused without reading anything, and a body without one
 * is counted while it streams in and refused as soon as it passes the limit. The unread rest
 * is discarded by the server adapter, never kept.
 */
export function requestBodyLimits(config: Config): MiddlewareHandler {
  const special = routeLimits(config)
  const json = bodyLimit({
    maxSize: config.http.maxJsonBodyBytes,
    onError: tooLarge(config.http.maxJsonBodyBytes),
  })
  return async (c: Context, next) => {
    if (!c.req.raw.body) return next()
    const route = special.find((r) => r.method === c.req.method && r.path.test(c.req.path))
    if (!route) return json(c, next)
    const declared = Number(c.req.header('content-length') ?? 0)
    if (route.maxBytes !== undefined && declared > route.maxBytes) tooLarge(route.maxBytes)()
    return next()
  }
}
