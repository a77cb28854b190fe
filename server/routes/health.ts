import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import type { ServerContext } from '../context.js'
import { json, openApiRoutes } from '../http/openApi.js'

const Healthy = z.object({ ok: z.literal(true) })
const Unhealthy = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.literal('storage_unavailable'),
    message: z.string(),
    /** When the store began to refuse writes (ISO). */
    since: z.string(),
  }),
})

/**
 * Liveness for load balancers and the set-up check: 503 with the reason while the store
 * refuses writes. A failing store is probed again on each call, so health recovers as soon
 * as the store does, even on a board nobody edits.
 */
export function healthRoutes(ctx: ServerContext) {
  return openApiRoutes().openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'health',
      summary: 'Health check: 503 with the reason while the store refuses writes',
      security: [],
      responses: {
        200: json(Healthy, 'The server can serve and store'),
        503: json(Unhealthy, 'The store refuses writes'),
      },
    }),
    async (c) => {
      const failing = ctx.health.failure()
      try {
        // A store across the network can be lost while nobody writes: asked each time.
        if (failing) await ctx.persistence.probeWrite(ctx.now(), failing.bytes)
        else await ctx.persistence.ping()
      } catch {
        // Failing: reported below.
      }
      const failure = ctx.health.failure()
      if (!failure) return c.json({ ok: true as const }, 200)
      return c.json(
        {
          ok: false as const,
          error: {
            code: 'storage_unavailable' as const,
            message: `The store refuses writes: ${failure.reason}`,
            since: new Date(failure.since).toISOString(),
          },
        },
        503,
      )
    },
  )
}
