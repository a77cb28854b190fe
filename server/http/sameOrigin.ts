import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors.js'

/**
 * Refuses a request a browser sends from another site's page (its `Origin` names another host)
 * unless that origin is allowed. Requests without `Origin` (servers, scripts, y-websocket in
 * Node) pass: they hold a key or nothing. Behind a trusted proxy the host is the one the proxy
 * was asked for (`X-Forwarded-Host`).
 */
export function sameOriginOnly({
  allowedOrigins,
  trustProxy,
}: {
  allowedOrigins: string[]
  trustProxy: boolean
}): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('origin')
    if (origin === undefined || allowedOrigins.includes(origin)) return next()
    const host =
      (trustProxy && c.req.header('x-forwarded-host')?.split(',')[0]?.trim()) ||
      c.req.header('host')
    let originHost: string | null = null
    try {
      originHost = new URL(origin).host
    } catch {
      // `null` (sandboxed frames, file pages) and anything unparsable is another site.
    }
    if (originHost !== null && originHost === host) return next()
    throw new ApiError(
      'forbidden',
      `Connections from pages on ${origin} are refused: only this server's own pages may open them`,
    )
  }
}
