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
const NotReady = z.union([
  Unhealthy,
  z.object({
    ok: z.literal(false),
    error: z.object({ code: z.literal('shutting_down'), message: z.string() }),
  }),
])

/** Why this instance cannot store writes right now, or null when it can. */
async function writeFailure(ctx: ServerContext): Promise<{ reason: string; since: number } | null> {
  const failing = ctx.health.failure()
  try {
    // A store across the network can be lost while nobody writes: asked each time.
    if (failing) await ctx.persistence.probeWrite(ctx.now(), failing.bytes)
    else await ctx.persistence.ping()
  } catch {
    // Failing: reported below.
  }
  const failure = ctx.health.failure()
  if (failure) return failure
  // The bus between instances: a write it cannot carry is refused like a store's.
  const bus = ctx.bus.failure()
  return bus ? { reason: bus, since: ctx.now() } : null
}

const unhealthy = (failure: { reason: string; since: number }) => ({
  ok: false as const,
  error: {
    code: 'storage_unavailable' as const,
    message: `The store refuses writes: ${failure.reason}`,
    since: new Date(failure.since).toISOString(),
  },
})

/**
 * Liveness for load balancers and the set-up check: 503 with the reason while the store (or,
 * with several instances, Redis) refuses writes. A failing store is probed again on each call,
 * so health recovers as soon as the store does, even on a board nobody edits.
 *
 * Readiness: whether this instance should get new traffic: as health, and also 503 while it
 * shuts down, with the store and Redis each asked for a round trip.
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
      const failure = await writeFailure(ctx)
      if (!failure) return c.json({ ok: true as const }, 200)
      return c.json(unhealthy(failure), 503)
    },
  )
}

/** `GET /api/ready`: the readiness check of load balancers and orchestrators. */
export function readyRoutes(ctx: ServerContext) {
  return openApiRoutes().openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'ready',
      summary: 'Readiness: 503 while the store or Redis cannot be reached, or while shutting down',
      security: [],
      responses: {
        200: json(Healthy, 'This instance can take traffic'),
        503: json(NotReady, 'This instance should get no new traffic'),
      },
    }),
    async (c) => {
      if (ctx.draining()) {
        return c.json(
          {
            ok: false as const,
            error: { code: 'shutting_down' as const, message: 'This instance is shutting down' },
          },
          503,
        )
      }
      let failure = await writeFailure(ctx)
      if (!failure) {
        try {
          await ctx.bus.ping()
        } catch (error) {
          failure = {
            reason: String(error instanceof Error ? error.message : error),
            since: ctx.now(),
          }
        }
      }
      if (!failure) return c.json({ ok: true as const }, 200)
      return c.json(unhealthy(failure), 503)
    },
  )
}
