import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  BoardLinksResponseSchema,
  LinkRoles,
  UpdateLinkBodySchema,
} from '../../shared/api/links.js'
import type { ServerContext } from '../context.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'

const Params = z.object({ boardId: BoardIdSchema })
const RoleParams = Params.extend({ role: z.enum(LinkRoles) })
const Links = json(BoardLinksResponseSchema, 'The three share links')

/** The owner's view of a board's share links: list, rotate, disable and enable (owner only). */
export function linkRoutes(ctx: ServerContext) {
  // A link that changed must stop working at once, also for people already on the board.
  const closeSessions = (boardId: string, role: (typeof LinkRoles)[number]) =>
    ctx.events.linkChanged(boardId, role)

  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/links',
        operationId: 'listLinks',
        summary: 'The three share links (owner only)',
        request: { params: Params },
        responses: { 200: Links, ...errors(400, 403, 404) },
      }),
      async (c) => {
        return c.json({ links: await ctx.access.links(c.req.valid('param').boardId) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/links/{role}/rotate',
        operationId: 'rotateLink',
        summary: 'Give a link a new key: the old one stops at once and its sessions are closed',
        request: { params: RoleParams },
        responses: { 200: Links, ...errors(400, 403, 404, 503) },
      }),
      async (c) => {
        const { boardId, role } = c.req.valid('param')
        const links = await ctx.access.rotate(boardId, role)
        closeSessions(boardId, role)
        return c.json({ links }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{boardId}/links/{role}',
        operationId: 'setLinkEnabled',
        summary: 'Disable or enable a link; disabling closes the sessions opened with it',
        request: { params: RoleParams, body: jsonBody(UpdateLinkBodySchema) },
        responses: { 200: Links, ...errors(400, 403, 404, 413, 503) },
      }),
      async (c) => {
        const { boardId, role } = c.req.valid('param')
        const { enabled } = c.req.valid('json')
        const links = await ctx.access.setEnabled(boardId, role, enabled)
        if (!enabled) closeSessions(boardId, role)
        return c.json({ links }, 200)
      },
    )
}
