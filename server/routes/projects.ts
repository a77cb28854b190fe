import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import { BoardKeysHeader } from '../../shared/api/links.js'
import {
  GateAnswerBodySchema,
  HypothesisLinkBodySchema,
  PortfolioQuerySchema,
  PortfolioResponseSchema,
  ProjectEndBodySchema,
  ProjectViewSchema,
  StageMoveBodySchema,
} from '../../shared/api/projects.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import {
  planEnd,
  planGateAnswer,
  planLink,
  planMove,
  planUnlink,
  type PlannedChange,
} from '../../shared/canvases/project/projectChanges.js'
import { portfolioMarkdown } from '../../shared/canvases/project/portfolioMarkdown.js'
import { projectSpec } from '../../shared/canvases/project/spec.js'
import { Stages } from '../../shared/canvases/project/stages.js'
import { gateRefusal } from '../../shared/canvases/project/tracking.js'
import { EntityIdSchema } from '../../shared/canvases/schema.js'
import { keyedBoards } from '../access/keyedBoards.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { MarkdownContent, errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import { queryPortfolio } from '../indexes/portfolioQuery.js'
import { applyProjectChange, projectView } from '../projects/projectActions.js'
import {
  editBoard,
  findCanvas,
  requireRoomFor,
  requireUnlocked,
  type FoundCanvas,
} from './boardDoc.js'

const Params = z.object({ boardId: BoardIdSchema, canvasId: EntityIdSchema })
const GateParams = Params.extend({
  stage: z.enum(Stages),
  question: z.string().min(1).max(64),
})
const LinkParams = Params.extend({ linkedBoardId: BoardIdSchema, hypothesisId: EntityIdSchema })
const ApiAuthor = 'API'
// Named: the document shows the project view once.
const ProjectView = ProjectViewSchema.meta({ id: 'ProjectView' })
const Changed = { 200: json(ProjectView, 'The project as it is now') }
const KeysHeader = z.object({
  [BoardKeysHeader]: z
    .string()
    .optional()
    .describe('The caller’s board keys, space-separated: the boards in view'),
})

/** A project on its board: read it, move it between stages, answer gates, link hypotheses, end it. */
export function projectRoutes(ctx: ServerContext) {
  const find = (boardId: string, canvasId: string) =>
    findCanvas(ctx, boardId, canvasId, projectSpec.kind)
  /** A project to change: refused with 423 while locked, 413 when the board is full. */
  const findToEdit = async (boardId: string, canvasId: string, bytes: number) => {
    const found = await find(boardId, canvasId)
    await requireUnlocked(ctx, found.room, canvasId)
    requireRoomFor(found.room, bytes)
    return found
  }
  /** 404 unless the hypothesis exists where the link says and the caller may see that board. */
  const requireHypothesis = async (
    boardId: string,
    linkedBoardId: string,
    hypothesisId: string,
    keys: string | undefined,
  ) => {
    if (linkedBoardId === boardId) {
      await findCanvas(ctx, boardId, hypothesisId, hypothesisSpec.kind)
      return
    }
    const readable = await keyedBoards(ctx, keys)
    const visible = !readable || readable.has(linkedBoardId)
    const rows = visible
      ? await ctx.persistence.queryHypotheses({
          boardIds: [linkedBoardId],
          canvasIds: [hypothesisId],
        })
      : []
    if (rows.length === 0) {
      throw new ApiError(
        'not_found',
        'No hypothesis with this id on that board (send that board’s key in x-board-keys)',
      )
    }
  }
  /** Makes a checked change of a project and answers with the project as it is then. */
  const edited = async (
    boardId: string,
    canvasId: string,
    bytes: number,
    change: (found: FoundCanvas) => PlannedChange,
  ) =>
    editBoard(async () => {
      const found = await findToEdit(boardId, canvasId, bytes)
      await applyProjectChange(found, () => change(found))
      return projectView(found, ctx.now())
    })

  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/canvases/{canvasId}/project',
        operationId: 'getProject',
        summary: 'A project: its stage, moves, gate answers, dates, linked hypotheses and end',
        request: { params: Params },
        responses: { 200: json(ProjectView, 'The project'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        return c.json(projectView(await find(boardId, canvasId), ctx.now()), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/canvases/{canvasId}/stage',
        operationId: 'moveProjectStage',
        summary: 'Move a project to another stage, forward or back, saying why',
        description: 'Refused (409) for an ended project or the stage it is in already.',
        request: { params: Params, body: jsonBody(StageMoveBodySchema) },
        responses: { ...Changed, ...errors(400, 403, 404, 409, 413, 423, 503) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const { to, why, by } = c.req.valid('json')
        const view = await edited(boardId, canvasId, why.length + 200, (found) =>
          planMove(found.map, { to, why, by: by ?? ApiAuthor }, ctx.now()),
        )
        return c.json(view, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/canvases/{canvasId}/end',
        operationId: 'endProject',
        summary: 'End a project as succeeded or stopped, in the stage it is in, saying why',
        description: 'A project ends once (409 after).',
        request: { params: Params, body: jsonBody(ProjectEndBodySchema) },
        responses: { ...Changed, ...errors(400, 403, 404, 409, 413, 423, 503) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const { outcome, why, by } = c.req.valid('json')
        const view = await edited(boardId, canvasId, why.length + 200, (found) =>
          planEnd(found.map, { outcome, why, by: by ?? ApiAuthor }, ctx.now()),
        )
        return c.json(view, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/{boardId}/canvases/{canvasId}/gates/{stage}/{question}',
        operationId: 'answerProjectGate',
        summary: 'Answer a gate question of a stage: yes, no or not yet, with a note',
        description: 'A question the stage does not ask is a 404.',
        request: { params: GateParams, body: jsonBody(GateAnswerBodySchema) },
        responses: { ...Changed, ...errors(400, 403, 404, 413, 423, 503) },
      }),
      async (c) => {
        const { boardId, canvasId, stage, question } = c.req.valid('param')
        const refusal = gateRefusal(stage, question)
        if (refusal) throw new ApiError('not_found', refusal)
        const { answer, note, by } = c.req.valid('json')
        const view = await edited(boardId, canvasId, note.length + 200, (found) =>
          planGateAnswer(
            found.map,
            { stage, question, answer, note, by: by ?? ApiAuthor },
            ctx.now(),
          ),
        )
        return c.json(view, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/canvases/{canvasId}/hypotheses',
        operationId: 'linkProjectHypothesis',
        summary: 'Link a hypothesis that serves the project, on this board or another',
        description:
          'A hypothesis on another board is found in the tracker index, and only on a board ' +
          'whose key the caller sends in x-board-keys (404 otherwise). Linking one twice keeps one.',
        request: { params: Params, body: jsonBody(HypothesisLinkBodySchema), headers: KeysHeader },
        responses: { ...Changed, ...errors(400, 403, 404, 409, 413, 423, 503) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const body = c.req.valid('json')
        const link = { boardId: body.boardId ?? boardId, hypothesisId: body.hypothesisId }
        await requireHypothesis(
          boardId,
          link.boardId,
          link.hypothesisId,
          c.req.valid('header')[BoardKeysHeader],
        )
        const view = await edited(boardId, canvasId, 200, (found) => planLink(found.map, link))
        return c.json(view, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'delete',
        path: '/{boardId}/canvases/{canvasId}/hypotheses/{linkedBoardId}/{hypothesisId}',
        operationId: 'unlinkProjectHypothesis',
        summary: 'Unlink a hypothesis from the project',
        request: { params: LinkParams },
        responses: { ...Changed, ...errors(400, 403, 404, 423, 503) },
      }),
      async (c) => {
        const { boardId, canvasId, linkedBoardId, hypothesisId } = c.req.valid('param')
        const link = { boardId: linkedBoardId, hypothesisId }
        const view = await edited(boardId, canvasId, 0, (found) => planUnlink(found.map, link))
        return c.json(view, 200)
      },
    )
}

/** GET /api/portfolio and /api/portfolio.md: every project on the boards the caller holds keys to. */
export function portfolioRoutes(ctx: ServerContext) {
  const read = async (query: z.infer<typeof PortfolioQuerySchema>, keys: string | undefined) =>
    queryPortfolio(ctx.persistence, query, await keyedBoards(ctx, keys), ctx.now())
  const description =
    'Served from the indexes (no board is loaded); on an open instance every board. Lists are ' +
    'comma-separated (`?stage=prototyping,monitoring&status=active`). The funnel counts every ' +
    'ended project in view by the stage it ended in, whatever the filters.'
  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/portfolio',
        operationId: 'portfolio',
        summary: 'The portfolio: every project on the boards the caller holds keys to',
        description,
        security: [],
        request: { query: PortfolioQuerySchema, headers: KeysHeader },
        responses: {
          200: json(PortfolioResponseSchema, 'The projects and the funnel'),
          ...errors(400),
        },
      }),
      async (c) =>
        c.json(await read(c.req.valid('query'), c.req.valid('header')[BoardKeysHeader]), 200),
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/portfolio.md',
        operationId: 'portfolioMarkdown',
        summary: 'The portfolio as markdown, with the same filters',
        description,
        security: [],
        request: { query: PortfolioQuerySchema, headers: KeysHeader },
        responses: {
          200: { description: 'The portfolio as markdown', content: MarkdownContent },
          ...errors(400),
        },
      }),
      async (c) => {
        const portfolio = await read(c.req.valid('query'), c.req.valid('header')[BoardKeysHeader])
        return new Response(portfolioMarkdown(portfolio, ctx.now()), {
          headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
        })
      },
    )
}
