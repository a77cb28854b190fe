import { createHash, randomBytes } from 'node:crypto'
import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  CreatedTokenSchema,
  CreateTokenBodySchema,
  TokenListSchema,
} from '../../shared/api/hypotheses.js'
import { boardGone } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import { requireBoard } from './boards.js'

/** Tokens are stored as SHA-256 hashes: a leaked database does not leak working tokens. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

const TokenPrefix = 'dbi_'

/** Checks an `Authorization: Bearer <token>` header against a board's ingestion tokens. */
export async function requireIngestionToken(
  ctx: ServerContext,
  boardId: string,
  header: string | undefined,
) {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '')
  if (!match)
    throw new ApiError('unauthorized', 'Send an ingestion token as Authorization: Bearer <token>')
  const token = await ctx.persistence.findTokenByHash(hashToken(match[1]!))
  if (!token || token.revokedAt !== null)
    throw new ApiError('unauthorized', 'This token is not valid or was revoked')
  if (token.boardId !== boardId)
    throw new ApiError('forbidden', 'This token belongs to another board')
  // A valid token of a deleted board learns that it was deleted, like a valid key.
  const board = await ctx.persistence.getBoard(boardId)
  if (board?.deletedAt) throw boardGone(board)
  return token
}

/** Named ingestion tokens of a board: create (shown once), list, revoke. */
export function tokenRoutes(ctx: ServerContext) {
  const Params = z.object({ boardId: BoardIdSchema })
  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/tokens',
        operationId: 'createToken',
        summary: 'Create a named ingestion token; the token is shown in this answer only',
        request: { params: Params, body: jsonBody(CreateTokenBodySchema) },
        responses: {
          201: json(CreatedTokenSchema, 'The token with its secret'),
          ...errors(400, 403, 404, 413, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const id = randomBytes(9).toString('base64url')
        const token = `${TokenPrefix}${randomBytes(32).toString('base64url')}`
        const { name } = c.req.valid('json')
        await ctx.persistence.createToken({
          id,
          boardId,
          name,
          hash: hashToken(token),
          createdAt: ctx.now(),
          revokedAt: null,
        })
        return c.json({ id, name, token }, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/tokens',
        operationId: 'listTokens',
        summary: 'The active ingestion tokens by name (never the secret)',
        request: { params: Params },
        responses: { 200: json(TokenListSchema, 'The tokens'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        const tokens = await ctx.persistence.listTokens(boardId)
        return c.json(
          {
            tokens: tokens.map((t) => ({
              id: t.id,
              name: t.name,
              createdAt: new Date(t.createdAt).toISOString(),
            })),
          },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}/tokens/{tokenId}',
        operationId: 'revokeToken',
        summary: 'Revoke a token: systems posting with it get 401 from now on',
        request: {
          params: Params.extend({ tokenId: z.string().regex(/^[A-Za-z0-9_-]{12}$/) }),
        },
        responses: { 204: { description: 'Revoked' }, ...errors(400, 403, 404, 503) },
      }),
      async (c) => {
        const { boardId, tokenId } = c.req.valid('param')
        await requireBoard(ctx, boardId)
        if (!(await ctx.persistence.revokeToken(boardId, tokenId, ctx.now()))) {
          throw new ApiError('not_found', 'No active token with this id')
        }
        return c.body(null, 204)
      },
    )
}
