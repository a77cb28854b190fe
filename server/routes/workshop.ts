import { Hono } from 'hono'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  ParticipantHeader,
  ParticipantSecretSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import { workshopSummaryMarkdown } from '../../shared/workshop/summaryMarkdown.js'
import { votableItems } from '../../shared/workshop/votableItems.js'
import { CastVoteBodySchema } from '../../shared/workshop/voting.js'
import { WorkshopActionSchema } from '../../shared/workshop/workshopState.js'
import type { AccessEnv } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { validate } from '../http/validate.js'
import { openBoardRoom, readCanvasesForExport } from './boardDoc.js'

const Params = z.object({ boardId: BoardIdSchema })

/** The participant id of the caller, from the secret their browser keeps. */
function participantOf(header: string | undefined): string {
  const secret = ParticipantSecretSchema.safeParse(header)
  if (!secret.success) {
    throw new ApiError(
      'invalid_body',
      `Send your participant secret in the ${ParticipantHeader} header`,
    )
  }
  return participantIdOf(secret.data)
}

/** Facilitation (timer, votes, private mode, locks, follow, summon), votes and the summary. */
export function workshopRoutes(ctx: ServerContext) {
  const ownVotes = async (boardId: string, voterId: string) => {
    const { voting, mine } = await ctx.workshop.myVotes(boardId, voterId)
    const remaining = voting?.status === 'open' ? voting.votesPerPerson - mine.length : 0
    return { votingId: voting?.id ?? null, mine: mine.map((v) => v.itemId), remaining }
  }

  return new Hono<AccessEnv>()
    .get('/:boardId/workshop', validate('param', Params), async (c) => {
      const { boardId } = c.req.valid('param')
      return c.json({
        state: await ctx.workshop.get(boardId),
        role: c.var.role,
        serverTime: ctx.now(),
      })
    })
    .post(
      '/:boardId/workshop',
      validate('param', Params),
      validate('json', WorkshopActionSchema),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const participantId = participantOf(c.req.header(ParticipantHeader))
        const actor = { participantId, isOwner: c.var.role === 'owner' }
        return c.json({ state: await ctx.workshop.act(boardId, c.req.valid('json'), actor) })
      },
    )
    .get('/:boardId/votes/mine', validate('param', Params), async (c) => {
      const voter = participantOf(c.req.header(ParticipantHeader))
      return c.json(await ownVotes(c.req.valid('param').boardId, voter))
    })
    .post(
      '/:boardId/votes',
      validate('param', Params),
      validate('json', CastVoteBodySchema),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const voter = participantOf(c.req.header(ParticipantHeader))
        const { voteId, itemId } = c.req.valid('json')
        await ctx.workshop.vote(boardId, voter, voteId, itemId)
        return c.json(await ownVotes(boardId, voter))
      },
    )
    .delete(
      '/:boardId/votes/:itemId',
      validate('param', Params.extend({ itemId: z.string().min(1).max(80) })),
      async (c) => {
        const { boardId, itemId } = c.req.valid('param')
        const voter = participantOf(c.req.header(ParticipantHeader))
        await ctx.workshop.unvote(boardId, voter, itemId)
        return c.json(await ownVotes(boardId, voter))
      },
    )
    .get('/:boardId/workshop/summary.md', validate('param', Params), async (c) => {
      const { boardId } = c.req.valid('param')
      const board = await ctx.persistence.getBoard(boardId)
      const room = await openBoardRoom(ctx, boardId)
      // Every ended vote, read from where they are kept apart from the workshop state.
      const votes = await ctx.workshop.pastVotes(boardId)
      const markdown = workshopSummaryMarkdown({
        boardTitle: board?.title ?? '',
        participants: await ctx.persistence.listParticipants(boardId),
        votes,
        items: votableItems(room.doc, { kind: 'board' }),
        canvases: readCanvasesForExport(room.doc),
        now: ctx.now(),
      })
      return c.body(markdown, 200, {
        'content-type': 'text/markdown; charset=utf-8',
        'content-disposition': `attachment; filename="workshop-summary.md"`,
      })
    })
}
