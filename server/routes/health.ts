import { Hono } from 'hono'

/** Liveness for load balancers and the set-up check. */
export const healthRoutes = new Hono().get('/', (c) => c.json({ ok: true }))
