import { createRoute } from '@hono/zod-openapi'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  CadenceBodySchema,
  CheckinBodySchema,
  CheckinCreatedSchema,
  CheckinsViewSchema,
} from '../../shared/api/checkins.js'
import { EntityIdSchema } from '../../shared/canvases/schema.js'
import { stakeholderUpdate } from '../../shared/checkins/checkinSubject.js'
import type { ServerContext } from '../context.js'
import { MarkdownContent, errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import {
  checkinsView,
  findCheckinCanvas,
  recordCheckin,
  setCheckinCadence,
} from '../checkins/checkinActions.js'

const Params = z.object({ boardId: BoardIdSchema, canvasId: EntityIdSchema })
const ApiAuthor = 'API'
const CheckinsView = CheckinsViewSchema.meta({ id: 'CheckinsView' })

/** Weekly check-ins on hypotheses and projects, their cadence and the stakeholder update. */
export function checkinRoutes(ctx: ServerContext) {
  const find = (boardId: string, canvasId: string) => findCheckinCanvas(ctx, boardId, canvasId)

  return openApiRoutes()
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/canvases/{canvasId}/checkins',
        operationId: 'getCheckins',
        summary:
          'The check-ins of a hypothesis or a project, when the next is due and what it lists',
        request: { params: Params },
        responses: { 200: json(CheckinsView, 'The check-ins'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        return c.json(checkinsView(ctx, (await find(boardId, canvasId)).found), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/canvases/{canvasId}/checkins',
        operationId: 'recordCheckin',
        summary:
          'Record a check-in: what happened, the likelihood of success, moving or stuck, next',
        description:
          'What was measured (a hypothesis) or moved, answered and linked (a project) since the ' +
          'last check-in is listed with it automatically. Refused (409) on a hypothesis that is ' +
          'not running or a project that has ended.',
        request: { params: Params, body: jsonBody(CheckinBodySchema) },
        responses: {
          201: json(CheckinCreatedSchema, 'The check-in recorded, and the check-ins now'),
          ...errors(400, 403, 404, 409, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const answer = await recordCheckin(ctx, boardId, canvasId, c.req.valid('json'), ApiAuthor)
        return c.json(answer, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'put',
        path: '/{boardId}/canvases/{canvasId}/checkin-cadence',
        operationId: 'setCheckinCadence',
        summary: 'Set how many days pass between check-ins (1 to 90; 7 unless set)',
        request: { params: Params, body: jsonBody(CadenceBodySchema) },
        responses: {
          200: json(CheckinsView, 'The check-ins, due on the new cadence'),
          ...errors(400, 403, 404, 409, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const { days } = c.req.valid('json')
        const answer = await setCheckinCadence(ctx, boardId, canvasId, days)
        return c.json(answer, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/canvases/{canvasId}/update.md',
        operationId: 'stakeholderUpdate',
        summary: 'The stakeholder update of a hypothesis or a project, as markdown',
        description:
          'Baseline, target and latest per metric, what happened since the last check-in, ' +
          'lessons, open assumptions and risks: ready to paste into a document or an email.',
        request: { params: Params },
        responses: {
          200: { description: 'The stakeholder update', content: MarkdownContent },
          ...errors(400, 404),
        },
      }),
      async (c) => {
        const { boardId, canvasId } = c.req.valid('param')
        const { found } = await find(boardId, canvasId)
        const markdown = stakeholderUpdate(found.content, found.map, ctx.now())!
        return new Response(markdown, {
          headers: { 'Content-Type': 'text/markdown; charset=utf-8' },
        })
      },
    )
}
