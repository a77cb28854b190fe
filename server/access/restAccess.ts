import { createMiddleware } from 'hono/factory'
import type { Board } from '../../shared/api/boards.js'
import { RoleAbilities, type Role } from '../../shared/api/links.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'

/** What a request to a board's REST API needs: an ability from RoleAbilities. */
export type Ability = keyof typeof RoleAbilities

export type AccessEnv = { Variables: { role: Role } }

const Board = '/api/boards/[A-Za-z0-9_-]{22}'

/**
 * The ability each board route needs, in one place; the first rule that matches wins.
 * `ingestion` routes check an ingestion token of their own instead of a board key. A deleted
 * board answers 410 on every route but those marked `whileDeleted`.
 */
const Policy: {
  method: string
  path: RegExp
  needs: Ability | 'ingestion'
  whileDeleted?: true
}[] = [
  {
    method: 'POST',
    path: new RegExp(`^${Board}/hypotheses/[^/]+/measurements$`),
    needs: 'ingestion',
  },
  // Deleting and restoring a board, its share links and its ingestion tokens are the owner's.
  { method: 'DELETE', path: new RegExp(`^${Board}$`), needs: 'manage' },
  { method: 'POST', path: new RegExp(`^${Board}/restore$`), needs: 'manage', whileDeleted: true },
  { method: '*', path: new RegExp(`^${Board}/links(/.*)?$`), needs: 'manage' },
  { method: '*', path: new RegExp(`^${Board}/tokens(/.*)?$`), needs: 'manage' },
  { method: '*', path: new RegExp(`^${Board}/votes(/.*)?$`), needs: 'comment' },
  // Webhooks are the owner's and the facilitators': the route checks the workshop state.
  { method: '*', path: new RegExp(`^${Board}/webhooks(/.*)?$`), needs: 'view' },
  // Facilitation is checked against the workshop state: anyone on the board may ask.
  { method: 'POST', path: new RegExp(`^${Board}/workshop$`), needs: 'view' },
  // Metric sources name internal servers and queries: editors' only, reading them included.
  { method: '*', path: new RegExp(`^${Board}/sources$`), needs: 'edit' },
  {
    method: '*',
    path: new RegExp(`^${Board}/hypotheses/[^/]+/metrics/[^/]+/source(/poll)?$`),
    needs: 'edit',
  },
  { method: 'GET', path: new RegExp(`^${Board}(/.*)?$`), needs: 'view' },
  // Comments are written by commenters and up; only the author edits or deletes their own.
  { method: '*', path: new RegExp(`^${Board}/comments(/.*)?$`), needs: 'comment' },
  { method: '*', path: new RegExp(`^${Board}(/.*)?$`), needs: 'edit' },
]

/** The board key a request carries: `Authorization: Bearer <key>`, or `?key=` for plain links. */
export function requestKey(authorization: string | undefined, query: string | undefined) {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')
  return match?.[1] ?? query ?? null
}

/** The 410 of a deleted board, saying who deleted it and when (for those holding its key). */
export function boardGone(board: Board): ApiError {
  const by = board.deletedBy ?? 'The owner'
  return new ApiError(
    'gone',
    `${by} deleted this board. The owner can restore it from the board list.`,
    { deletedAt: board.deletedAt, deletedBy: board.deletedBy },
  )
}

/** What the owner may do that the other roles may not, for the 403 message. */
const OwnerOnly = 'Only the board’s owner can delete or restore it and manage its links and tokens'

/**
 * Checks the caller's role on the board named in the path, for every board route. No key, a
 * wrong or a disabled one answers 404 exactly like a board that does not exist: without its
 * link a board cannot be found. A role without the ability the route needs answers 403, and
 * a deleted board 410 (a caller without a key still gets 404, so it cannot be discovered).
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
    if (!board || !role) throw new ApiError('board_not_found', 'No board with this id')
    if (board.deletedAt && !rule.whileDeleted) throw boardGone(board)
    if (!RoleAbilities[rule.needs](role)) {
      throw new ApiError(
        'forbidden',
        rule.needs === 'manage'
          ? `${OwnerOnly}; this is a ${role} link`
          : `A ${role} link cannot do this`,
      )
    }
    c.set('role', role)
    await next()
  })
}
