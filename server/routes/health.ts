import { Hono } from 'hono'
import type { ServerContext } from '../context.js'

/**
 * Liveness for load balancers and the set-up check: 503 with the reason while the store
 * refuses writes. A failing store is probed again on each call, so health recovers as soon
 * as the store does, even on a board nobody edits.
 */
export function healthRoutes(ctx: ServerContext) {
  return new Hono().get('/', async (c) => {
    const failing = ctx.health.failure()
    if (failing) {
      try {
        await ctx.persistence.probeWrite(ctx.now(), failing.bytes)
      } catch {
        // Still failing: reported below.
      }
    }
    const failure = ctx.health.failure()
    if (!failure) return c.json({ ok: true })
    return c.json(
      {
        ok: false,
        error: {
          code: 'storage_unavailable',
          message: `The store refuses writes: ${failure.reason}`,
          since: new Date(failure.since).toISOString(),
        },
      },
      503,
    )
  })
}
