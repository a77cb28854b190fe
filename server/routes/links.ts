import { Hono } from 'hono'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { LinkRoles, UpdateLinkBodySchema } from '../../shared/api/links.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { ServerContext } from '../context.js'
import { validate } from '../http/validate.js'

const Params = z.object({ boardId: BoardIdSchema })
const RoleParams = Params.extend({ role: z.enum(LinkRoles) })

/** The owner's view of a board's share links: list, rotate, disable and enable (owner only). */
export function linkRoutes(ctx: ServerContext) {
  // A link that changed must stop working at once, also for people already on the board.
  const closeSessions = (boardId: string, role: (typeof LinkRoles)[number]) =>
    ctx.rooms.closeConnections(boardId, (conn) => conn.role === role, CloseCodes.Unauthorized)

  return new Hono()
    .get('/:boardId/links', validate('param', Params), async (c) => {
      return c.json({ links: await ctx.access.links(c.req.valid('param').boardId) })
    })
    .post('/:boardId/links/:role/rotate', validate('param', RoleParams), async (c) => {
      const { boardId, role } = c.req.valid('param')
      const links = await ctx.access.rotate(boardId, role)
      closeSessions(boardId, role)
      return c.json({ links })
    })
    .patch(
      '/:boardId/links/:role',
      validate('param', RoleParams),
      validate('json', UpdateLinkBodySchema),
      async (c) => {
        const { boardId, role } = c.req.valid('param')
        const { enabled } = c.req.valid('json')
        const links = await ctx.access.setEnabled(boardId, role, enabled)
        if (!enabled) closeSessions(boardId, role)
        return c.json({ links })
      },
    )
}
