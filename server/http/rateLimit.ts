import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context, MiddlewareHandler } from 'hono'
import { rateLimiter, type RateLimitInfo } from 'hono-rate-limiter'
import type { Config } from '../config.js'
import { errorResponse } from './errors.js'

const WINDOW_MS = 60_000

/**
 * The address a request came from: the socket's peer, or behind a trusted reverse proxy the
 * last X-Forwarded-For entry (the one that proxy added; earlier entries are whatever the
 * client sent and cannot be trusted).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')
    const last = forwarded?.split(',').at(-1)?.trim()
    if (last) return last
  }
  return getConnInfo(c).remote.address ?? 'unknown'
}

/**
 * Limits how many boards one client address may create per minute (creating a board needs no
 * key). Answers 429 `rate_limited` with Retry-After in seconds.
 */
export function boardCreateRateLimit(config: Config['http']): MiddlewareHandler {
  const limit = config.boardCreateRateLimit
  if (limit === 0) return (_c, next) => next()
  return rateLimiter({
    windowMs: WINDOW_MS,
    limit,
    standardHeaders: 'draft-6',
    // Only creating counts; listing boards on the same path does not.
    skip: (c) => c.req.method !== 'POST',
    keyGenerator: (c) => clientAddress(c, config.trustProxy),
    handler: (c) => {
      const resetTime = (c.get('rateLimit') as RateLimitInfo | undefined)?.resetTime
      const seconds = resetTime ? Math.ceil((resetTime.getTime() - Date.now()) / 1000) : 60
      const retryAfter = Math.max(1, seconds)
      c.header('Retry-After', String(retryAfter))
      return errorResponse(
        c,
        'rate_limited',
        `At most ${limit} boards may be created per minute from one address; try again in ${retryAfter} s`,
      )
    },
  })
}
