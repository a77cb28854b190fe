import { createRoute } from '@hono/zod-openapi'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  DecisionBodySchema,
  HypothesisViewSchema,
  LessonBodySchema,
  LessonResponseSchema,
  MaxMeasurementBodyBytes,
  MaxMeasurementsPerRequest,
  MeasurementCsvColumns,
  MeasurementInputSchema,
  MeasurementsBodySchema,
  MeasurementsQuerySchema,
  MeasurementsResultSchema,
  TrackerQuerySchema,
  TrackerResponseSchema,
} from '../../shared/api/hypotheses.js'
import { EntityIdSchema } from '../../shared/canvases/schema.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { BoardKeysHeader } from '../../shared/api/links.js'
import type { ServerContext } from '../context.js'
import { keyedBoards } from '../access/keyedBoards.js'
import { ApiError } from '../http/errors.js'
import { errors, json, jsonBody, openApiRoutes } from '../http/openApi.js'
import { addLesson, decide, viewOf } from '../hypotheses/hypothesisActions.js'
import { recordMeasurementsOn } from '../hypotheses/measurementIntake.js'
import { parseCsvMeasurements, parseJsonMeasurements } from '../hypotheses/parseMeasurements.js'
import { queryTracker } from '../indexes/trackerQuery.js'
import { editBoard, findCanvas } from './boardDoc.js'
import { findCanvasToEdit } from './canvasEdits.js'
import { requireIngestionToken } from './tokens.js'

const Params = z.object({ boardId: BoardIdSchema, hypothesisId: EntityIdSchema })
const ApiAuthor = 'API'

/** Measurements are attributed to the name of the token that posted them. */
type Env = { Variables: { tokenName: string } }

/**
 * The JSON measurements body as the document shows it. The route reads the body itself (JSON or
 * CSV) and checks each row with MeasurementInputSchema, so a bad row is named by its number.
 */
// Named: the document shows the hypothesis view once.
const HypothesisView = HypothesisViewSchema.meta({ id: 'HypothesisView' })

const MeasurementsBodyDoc = MeasurementsBodySchema.extend({
  measurements: z.array(MeasurementInputSchema).min(1).max(MaxMeasurementsPerRequest),
})

/** Hypotheses of a board: read, record measurements, decide, add lessons. */
export function hypothesisRoutes(ctx: ServerContext) {
  const find = (boardId: string, hypothesisId: string) =>
    findCanvas(ctx, boardId, hypothesisId, hypothesisSpec.kind)
  const findToEdit = (boardId: string, hypothesisId: string) =>
    findCanvasToEdit(ctx, boardId, hypothesisId, hypothesisSpec.kind)

  // The token is checked before the body is read: a stranger cannot make the server read 2 MiB.
  const ingestionToken = createMiddleware<Env>(async (c, next) => {
    const boardId = c.req.param('boardId') ?? ''
    const token = await requireIngestionToken(ctx, boardId, c.req.header('authorization'))
    c.set('tokenName', token.name)
    await next()
  })

  const routes = openApiRoutes<Env>()
  routes.openAPIRegistry.register('MeasurementsBody', MeasurementsBodyDoc)
  return routes
    .openapi(
      createRoute({
        method: 'get',
        path: '/{boardId}/hypotheses/{hypothesisId}',
        operationId: 'getHypothesis',
        summary:
          'A hypothesis: status, time box, criteria, amendments, measurements, verdict, decision, lessons',
        request: { params: Params },
        responses: { 200: json(HypothesisView, 'The hypothesis'), ...errors(400, 404) },
      }),
      async (c) => {
        const { boardId, hypothesisId } = c.req.valid('param')
        return c.json(viewOf(await find(boardId, hypothesisId), ctx.now()), 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/hypotheses/{hypothesisId}/measurements',
        operationId: 'recordMeasurements',
        summary: 'Record measurements, all or nothing',
        description:
          'A bad row is a 400 naming the row and field; an `id` recorded before is kept once; a ' +
          'hypothesis that is not running takes only baseline readings (409 otherwise). ' +
          `At most ${MaxMeasurementsPerRequest} rows and ${MaxMeasurementBodyBytes} bytes.`,
        security: [{ ingestionToken: [] }],
        middleware: [
          ingestionToken,
          bodyLimit({
            maxSize: MaxMeasurementBodyBytes,
            onError: () => {
              throw new ApiError(
                'payload_too_large',
                `A measurements request may be at most ${MaxMeasurementBodyBytes} bytes: send fewer rows per request`,
              )
            },
          }),
        ],
        request: {
          params: Params,
          query: MeasurementsQuerySchema,
          body: {
            required: true,
            description: `JSON, or CSV with the header ${MeasurementCsvColumns.join(',')}`,
            content: {
              'application/json': { schema: { $ref: '#/components/schemas/MeasurementsBody' } },
              'text/csv': {
                schema: { type: 'string' },
                example: 'metric,value,at,source,id\nconversion,0.051,,,run-1',
              },
            },
          },
        },
        responses: {
          200: json(MeasurementsResultSchema, 'What was recorded and the verdict that follows'),
          ...errors(400, 401, 403, 404, 409, 413, 415, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, hypothesisId } = c.req.valid('param')
        const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
        const isCsv = type === 'text/csv'
        if (!isCsv && type !== 'application/json') {
          throw new ApiError(
            'unsupported_media_type',
            'Send application/json { "measurements": [...] } or text/csv with the header metric,value,at,source,id',
          )
        }
        const text = await c.req.text()
        const queryBaseline = c.req.valid('query').baseline
        const baseline = queryBaseline === undefined ? undefined : queryBaseline === 'true'
        let json: unknown
        if (!isCsv) {
          try {
            json = JSON.parse(text)
          } catch {
            throw new ApiError('invalid_body', 'The body is not valid JSON')
          }
        }
        const body = await recordMeasurementsOn(ctx, {
          boardId,
          hypothesisId,
          bytes: text.length,
          read: (keys, now) =>
            isCsv
              ? parseCsvMeasurements(text, keys, baseline, now)
              : parseJsonMeasurements(json, keys, now),
          baseline,
          by: c.get('tokenName'),
        })
        return c.json(body, 200)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/hypotheses/{hypothesisId}/decision',
        operationId: 'decideHypothesis',
        summary: 'Decide a running or evaluated hypothesis: persevere, pivot or stop',
        description:
          'A pivot creates a successor hypothesis on the board (problem and customers carried ' +
          'over), linked both ways.',
        request: { params: Params, body: jsonBody(DecisionBodySchema) },
        responses: {
          201: json(HypothesisView, 'The decided hypothesis'),
          ...errors(400, 403, 404, 409, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, hypothesisId } = c.req.valid('param')
        const { decision, rationale, by } = c.req.valid('json')
        const view = await editBoard(async () => {
          const found = await findToEdit(boardId, hypothesisId)
          await decide(found, decision, rationale, by ?? ApiAuthor, ctx.now())
          return viewOf(found, ctx.now())
        })
        return c.json(view, 201)
      },
    )
    .openapi(
      createRoute({
        method: 'post',
        path: '/{boardId}/hypotheses/{hypothesisId}/lessons',
        operationId: 'addLesson',
        summary: 'Append a dated, attributed lesson to the lessons-learned log',
        request: { params: Params, body: jsonBody(LessonBodySchema) },
        responses: {
          201: json(LessonResponseSchema, 'The lesson'),
          ...errors(400, 403, 404, 413, 423, 503),
        },
      }),
      async (c) => {
        const { boardId, hypothesisId } = c.req.valid('param')
        const { text, by } = c.req.valid('json')
        const lesson = await editBoard(async () =>
          addLesson(await findToEdit(boardId, hypothesisId), text, by ?? ApiAuthor, ctx.now()),
        )
        return c.json(lesson, 201)
      },
    )
}

const TrackerHeaders = z.object({
  [BoardKeysHeader]: z
    .string()
    .optional()
    .describe('The caller’s board keys, space-separated: the tracker covers those boards'),
})

/** GET /api/hypotheses: the tracker, served from the index (no board is loaded). */
export function trackerRoutes(ctx: ServerContext) {
  return openApiRoutes().openapi(
    createRoute({
      method: 'get',
      path: '/',
      operationId: 'listTrackedHypotheses',
      summary: 'The tracker: every hypothesis on the boards the caller holds keys to',
      description:
        'Served from the index (no board is loaded); on an open instance every board. Lists are ' +
        'comma-separated (`?status=running,evaluated`).',
      security: [],
      request: { query: TrackerQuerySchema, headers: TrackerHeaders },
      responses: {
        200: json(TrackerResponseSchema, 'The matching hypotheses'),
        ...errors(400),
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      // With share links, the tracker covers the boards whose keys the caller sends.
      const readable = await keyedBoards(ctx, c.req.valid('header')[BoardKeysHeader])
      if (readable) {
        const boards = query.board ? query.board.filter((id) => readable.has(id)) : [...readable]
        return c.json(
          await queryTracker(ctx.persistence, { ...query, board: boards }, ctx.now()),
          200,
        )
      }
      return c.json(await queryTracker(ctx.persistence, query, ctx.now()), 200)
    },
  )
}
