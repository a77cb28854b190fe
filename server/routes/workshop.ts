import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { MyVotesSchema, WorkshopResponseSchema } from '../../shared/api/workshop.js'
import {
  ParticipantHeader,
  ParticipantHeadersSchema,
  participantIdOf,
} from '../../shared/workshop/participant.js'
import { workshopSummaryMarkdown } from '../../shared/workshop/summaryMarkdown.js'
import { votableItems } from '../../shared/workshop/votableItems.js'
import { CastVoteBodySchema } from '../../shared/workshop/voting.js'
import { WorkshopActionSchema } from '../../shared/workshop/workshopState.js'
import type { AccessEnv } from '../access/restAccess.js'
import type { ServerContext } from '../context.js'
import { MarkdownContent, errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import {
  openBoardRoom,
  readCanvasesForExport,
  readCommentsForExport,
  readDrawingsForExport,
} from './boardDoc.js'

const Params = z.object({ boardId: BoardIdSchema })

// Named: the document shows the workshop state once.
const Workshop = WorkshopResponseSchema.meta({ id: 'Workshop' })
const MyVotes = json(MyVotesSchema, 'Your votes in the running vote and how many you have left')

/** Facilitation (timer, votes, private mode, locks, follow, summon), votes and the summary. */
export function workshopRoutes(ctx: ServerContext) {
  const ownVotes = async (boardId: string, voterId: string) => {
    const { voting, mine } = await ctx.workshop.myVotes(boardId, voterId)
    const remaining = voting?.status === 'open' ? voting.votesPerPerson - mine.length : 0
    return { votingId: voting?.id ?? null, mine: mine.map((v) => v.itemId), remaining }
  }
  // The caller as a person: the public id derived from the secret their browser keeps.
  const participantOf = (headers: z.infer<typeof ParticipantHeadersSchema>) =>
    participantIdOf(headers[ParticipantHeader])

  return openApiRoutes<AccessEnv>()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/workshop',
        operationId: 'getWorkshop',
        summary:
          'The workshop state (timer, vote, private mode, locks, follow), your role, the server time',
        request: { params: Params },
        responses: {
          200: json(Workshop, 'The workshop state'),
          ...errors(400, 404),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        return c.json(
          { state: await ctx.workshop.get(boardId), role: c.var.role, serverTime: ctx.now() },
          200,
        )
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/workshop',
        operationId: 'workshopAction',
        summary: 'A facilitator action; handing over facilitation is the owner’s',
        request: {
          params: Params,
          headers: ParticipantHeadersSchema,
          body: jsonBody(WorkshopActionSchema),
        },
        responses: {
          200: json(Workshop, 'The workshop state after the action'),
          ...errors(400, 403, 404, 409, 413, 503),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const participantId = participantOf(c.req.valid('header'))
        const actor = { participantId, isOwner: c.var.role === 'owner' }
        return c.json({ state: await ctx.workshop.act(boardId, c.req.valid('json'), actor) }, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/votes/mine',
        operationId: 'myVotes',
        summary: 'Your own votes in the running vote',
        request: { params: Params, headers: ParticipantHeadersSchema },
        responses: { 200: MyVotes, ...errors(400, 403, 404) },
      }),
      async (c) => {
        const voter = participantOf(c.req.valid('header'))
        return c.json(await ownVotes(c.req.valid('param').boardId, voter), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/votes',
        operationId: 'castVote',
        summary: 'Cast a dot vote (commenters and up); a vote id sent twice counts once',
        request: {
          params: Params,
          headers: ParticipantHeadersSchema,
          body: jsonBody(CastVoteBodySchema),
        },
        responses: { 200: MyVotes, ...errors(400, 403, 404, 409, 413, 503) },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const voter = participantOf(c.req.valid('header'))
        const { voteId, itemId } = c.req.valid('json')
        await ctx.workshop.vote(boardId, voter, voteId, itemId)
        return c.json(await ownVotes(boardId, voter), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}/votes/{itemId}',
        operationId: 'retractVote',
        summary: 'Take back one of your votes on an item while the vote runs',
        request: {
          params: Params.extend({ itemId: z.string().min(1).max(80) }),
          headers: ParticipantHeadersSchema,
        },
        responses: { 200: MyVotes, ...errors(400, 403, 404, 409, 503) },
      }),
      async (c) => {
        const { boardId, itemId } = c.req.valid('param')
        const voter = participantOf(c.req.valid('header'))
        await ctx.workshop.unvote(boardId, voter, itemId)
        return c.json(await ownVotes(boardId, voter), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/workshop/summary.md',
        operationId: 'workshopSummary',
        summary:
          'The workshop summary: participants, votes ranked, decisions, every canvas, what people drew',
        request: { params: Params },
        responses: {
          200: { description: 'The summary as markdown (a download)', content: MarkdownContent },
          ...errors(400, 404),
        },
      }),
      async (c) => {
        const { boardId } = c.req.valid('param')
        const board = await ctx.persistence.getBoard(boardId)
        const room = await openBoardRoom(ctx, boardId)
        // Every ended vote, read from where they are kept apart from the workshop state.
        const votes = await ctx.workshop.pastVotes(boardId)
        const participants = await ctx.persistence.listParticipants(boardId)
        const markdown = workshopSummaryMarkdown({
          boardTitle: board?.title ?? '',
          participants,
          votes,
          items: votableItems(room.doc, { kind: 'board' }),
          canvases: readCanvasesForExport(room.doc),
          drawings: readDrawingsForExport(room.doc, participants),
          comments: await readCommentsForExport(ctx, boardId, room.doc),
          now: ctx.now(),
        })
        return c.body(markdown, 200, {
          'content-type': 'text/markdown; charset=utf-8',
          'content-disposition': `attachment; filename="workshop-summary.md"`,
        })
      },
    )
}
