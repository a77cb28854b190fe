import { randomBytes } from 'node:crypto'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import {
  BoardIdSchema,
  BoardListSchema,
  BoardSchema,
  CreateBoardBodySchema,
  DefaultBoardTitle,
  UpdateBoardBodySchema,
  type Board,
} from '../../shared/api/boards.js'
import {
  BoardLookupBodySchema,
  BoardLookupResponseSchema,
  BoardWithRoleSchema,
  CreatedBoardSchema,
  strongerRole,
  type Role,
} from '../../shared/api/links.js'
import { RestoreWindowDays } from '../../shared/protocol/limits.js'
import {
  ParticipantHeader,
  ParticipantHeadersSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import { boardGone, type AccessEnv } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'

const DAY_MS = 24 * 60 * 60 * 1000
const OptionalParticipantHeaders = ParticipantHeadersSchema.partial()
const ParamsSchema = z.object({ boardId: BoardIdSchema })
const ListQuerySchema = z.object({
  deleted: z
    .enum(['true', 'false'])
    .optional()
    .describe('true lists the deleted boards that can still be restored'),
})

/** A new board id: 128 random bits, so board URLs cannot be guessed. */
export const newBoardId = () => randomBytes(16).toString('base64url')

/**
 * Finds a live board, or throws 404 for one that does not exist and 410 for a deleted one (the
 * access check has found the caller's key valid by then).
 */
export async function requireBoard(ctx: ServerContext, boardId: string): Promise<Board> {
  const board = await ctx.persistence.getBoard(boardId)
  if (!board) throw new ApiError('board_not_found', 'No board with this id')
  if (board.deletedAt) throw boardGone(board)
  return board
}

/**
 * The name the person sending `secret` last showed on a board, as its participants were
 * recorded; null for someone never seen there (or a call without the header).
 */
async function participantName(ctx: ServerContext, boardId: string, secret: string | undefined) {
  if (!secret) return null
  const id = participantIdOf(secret)
  const known = await ctx.persistence.listParticipants(boardId)
  return known.find((p) => p.id === id)?.name ?? null
}

/** Board list, create, rename, delete and restore. */
export function boardRoutes(ctx: ServerContext) {
  const { persistence, now } = ctx
  return openApiRoutes<AccessEnv>()
    .openapi(
      createRoute({
        method: 'get',
        path: '/',
        operationId: 'listBoards',
        summary: 'Every board (open instances only; with share links use POST /api/boards/lookup)',
        security: [],
        request: { query: ListQuerySchema },
        responses: { 200: json(BoardListSchema, 'The boards'), ...errors(400, 403) },
      }),
      async (c) => {
        if (!ctx.access.openInstance) {
          throw new ApiError(
            'forbidden',
            'Boards on this server are shared by link: list the ones you hold links to with POST /api/boards/lookup',
          )
        }
        const deleted = c.req.valid('query').deleted === 'true'
        const boards = await persistence.listBoards({
          deleted,
          deletedSince: now() - RestoreWindowDays * DAY_MS,
        })
        return c.json({ boards }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/',
        operationId: 'createBoard',
        summary: 'Create a board; rate-limited per client address',
        // No key; the creation token only where the operator set one. (Typed as the general
        // list: the literal `{}` would hide the route's input types from the typed client.)
        security: [{}, { creationToken: [] }] as Record<string, string[]>[],
        description:
          'The answer carries the owner key (shown once) and the three share links. ' +
          'An omitted title is "Untitled board". Where the operator set BOARD_CREATION_TOKEN, ' +
          'send it as Authorization: Bearer <token>: without it the server answers 401 ' +
          '`creation_token_required`, with another token 403 `creation_token_refused`.',
        request: { body: jsonBody(CreateBoardBodySchema) },
        responses: {
          201: json(CreatedBoardSchema, 'The new board with its keys'),
          ...errors(400, 401, 403, 413, 429, 503),
        },
      }),
      async (c) => {
        const { title } = c.req.valid('json')
        const board = await persistence.createBoard({
          id: newBoardId(),
          title: title ?? DefaultBoardTitle,
          now: now(),
        })
        const keys = await ctx.access.issueKeys(board.id)
        return c.json({ ...board, ...keys }, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/lookup',
        operationId: 'lookUpBoards',
        summary: 'The boards these keys open, each with the strongest role',
        security: [],
        description:
          'Deleted boards are included while they can be restored; on an open instance every ' +
          'board is listed.',
        request: { body: jsonBody(BoardLookupBodySchema) },
        responses: {
          200: json(BoardLookupResponseSchema, 'The boards, most recently changed first'),
          ...errors(400, 413),
        },
      }),
      async (c) => {
        // Every board a key opens (deleted ones too, while they can be restored), and on an open
        // instance every board.
        const found = new Map<string, { board: Board; role: Role; key: string | null }>()
        const restorableSince = now() - RestoreWindowDays * DAY_MS
        for (const key of new Set(c.req.valid('json').keys)) {
          const access = await ctx.access.boardForKey(key)
          const board = access && (await persistence.getBoard(access.boardId))
          if (!access || !board) continue
          if (board.deletedAt && Date.parse(board.deletedAt) < restorableSince) continue
          const seen = found.get(board.id)
          if (!seen || strongerRole(access.role, seen.role) === access.role) {
            found.set(board.id, { board, role: access.role, key })
          }
        }
        if (ctx.access.openInstance) {
          for (const deleted of [false, true]) {
            const boards = await persistence.listBoards({ deleted, deletedSince: restorableSince })
            for (const board of boards) {
              if (!found.has(board.id)) found.set(board.id, { board, role: 'edit', key: null })
            }
          }
        }
        const boards = [...found.values()]
          .sort((a, b) => b.board.updatedAt.localeCompare(a.board.updatedAt))
          .map(({ board, role, key }) => ({ ...board, role, key }))
        return c.json({ boards }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}',
        operationId: 'getBoard',
        summary: 'A board and the caller’s role on it',
        description:
          'A deleted board answers 410 `gone` to holders of its key, with `details` ' +
          '`{ deletedAt, deletedBy }` (deletedBy is the name of who deleted it, or null).',
        request: { params: ParamsSchema },
        responses: { 200: json(BoardWithRoleSchema, 'The board'), ...errors(400, 404) },
      }),
      async (c) => {
        const board = await requireBoard(ctx, c.req.valid('param').boardId)
        // The caller's role, so the app can show what it may do.
        return c.json({ ...board, role: c.var.role }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'patch',
        path: '/{boardId}',
        operationId: 'renameBoard',
        summary: 'Rename a board',
        request: { params: ParamsSchema, body: jsonBody(UpdateBoardBodySchema) },
        responses: {
          200: json(BoardSchema, 'The renamed board'),
          ...errors(400, 403, 404, 413, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const board = await persistence.renameBoard(boardId, c.req.valid('json').title, now())
        if (!board) throw new ApiError('board_not_found', 'No board with this id')
        await ctx.events.renamed(boardId)
        return c.json(board, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}',
        operationId: 'deleteBoard',
        summary: `Delete a board (restorable for ${RestoreWindowDays} days); its sessions are closed`,
        description:
          'Owner only. With the x-participant header, the name that person showed on the board ' +
          'is kept, and everyone on the board is told who deleted it.',
        request: { params: ParamsSchema, headers: OptionalParticipantHeaders },
        responses: {
          200: json(BoardSchema, 'The deleted board'),
          ...errors(400, 403, 404, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const by = await participantName(ctx, boardId, c.req.valid('header')[ParticipantHeader])
        const board = await persistence.softDeleteBoard(boardId, now(), by)
        if (!board) throw new ApiError('board_not_found', 'No board with this id')
        await ctx.events.boardDeleted(boardId)
        return c.json(board, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/restore',
        operationId: 'restoreBoard',
        summary: 'Restore a deleted board (owner only)',
        request: { params: ParamsSchema },
        responses: {
          200: json(BoardSchema, 'The restored board'),
          ...errors(400, 403, 404, 410, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const board = await persistence.getBoard(boardId)
        if (!board) throw new ApiError('board_not_found', 'No board with this id')
        if (!board.deletedAt) return c.json(board, 200)
        if (Date.parse(board.deletedAt) < now() - RestoreWindowDays * DAY_MS) {
          throw new ApiError('gone', `Deleted boards can be restored for ${RestoreWindowDays} days`)
        }
        const restored = await persistence.restoreBoard(boardId, now())
        if (!restored) throw new ApiError('board_not_found', 'No board with this id')
        return c.json(restored, 200)
      },
    )
}
