import { createMiddleware } from 'hono/factory'
import { RoleAbilities, type Role } from '../../shared/api/links.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'

/** What a request to a board's REST API needs: an ability from RoleAbilities. */
export type Ability = keyof typeof RoleAbilities

export type AccessEnv = { Variables: { role: Role } }

const Board = '/api/boards/[A-Za-z0-9_-]{22}'

/**
 * The ability each board route needs, in one place; the first rule that matches wins.
 * `ingestion` routes check an ingestion token of their own instead of a board key.
 */
const Policy: { method: string; path: RegExp; needs: Ability | 'ingestion' }[] = [
  {
    method: 'POST',
    path: new RegExp(`^${Board}/hypotheses/[^/]+/measurements$`),
    needs: 'ingestion',
  },
  { method: '*', path: new RegExp(`^${Board}/links(/.*)?$`), needs: 'manage' },
  { method: '*', path: new RegExp(`^${Board}/votes(/.*)?$`), needs: 'comment' },
  // Facilitation is checked against the workshop state: anyone on the board may ask.
  { method: 'POST', path: new RegExp(`^${Board}/workshop$`), needs: 'view' },
  { method: 'GET', path: new RegExp(`^${Board}(/.*)?$`), needs: 'view' },
  { method: '*', path: new RegExp(`^${Board}(/.*)?$`), needs: 'edit' },
]

/** The board key a request carries: `Authorization: Bearer <key>`, or `?key=` for plain links. */
export function requestKey(authorization: string | undefined, query: string | undefined) {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
  return match?.[1] ?? query ?? null
}

/**
 * Checks the caller's role on the board named in the path, for every board route. No key, a
 * wrong or a disabled one answers 404 exactly like a board that does not exist: without its
 * link a board cannot be found. A role without the ability the route needs answers 403.
 */
export function boardAccess(ctx: ServerContext) {
  return createMiddleware<AccessEnv>(async (c, next) => {
    const rule = Policy.find(
      (r) => (r.method === '*' || r.method === c.req.method) && r.path.test(c.req.path),
    )
    if (!rule || rule.needs === 'ingestion') return next()
    const boardId = c.req.path.split('/')[3]!
    const board = await ctx.persistence.getBoard(boardId)
    const key = requestKey(c.req.header('authorization'), c.req.query('key'))
    const role = board ? await ctx.access.roleFor(boardId, key) : null
    if (!role) throw new ApiError('board_not_found', 'No board with this id')
    if (!RoleAbilities[rule.needs](role)) {
      throw new ApiError('forbidden', `A ${role} link cannot do this`)
    }
    c.set('role', role)
    await next()
  })
}
