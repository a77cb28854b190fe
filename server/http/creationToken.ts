import { createHash, timingSafeEqual } from 'node:crypto'
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './errors.js'

/** Both sides hashed first: equal lengths for timingSafeEqual, and no length leaks. */
const digest = (value: string) => createHash('sha256').update(value).digest()

/**
 * Where the operator set a creation token, creating a board needs it as
 * `Authorization: Bearer <token>`, compared in constant time; without one anyone may create
 * boards (still rate-limited). Mounted on `/api/boards` after the rate limit, so guessing the
 * token is rate-limited too.
 */
export function requireCreationToken(token: string | null): MiddlewareHandler {
  const expected = token === null ? null : digest(token)
  return async (c, next) => {
    // Only creating needs it; listing boards on the same path does not.
    if (expected && c.req.method === 'POST') {
      const sent = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1]
      if (!sent) {
        throw new ApiError(
          'creation_token_required',
          'This server asks for its creation token to create boards: send it as Authorization: Bearer <token>',
        )
      }
      if (!timingSafeEqual(digest(sent), expected)) {
        throw new ApiError('creation_token_refused', 'This is not the server’s creation token')
      }
    }
    await next()
  }
}
