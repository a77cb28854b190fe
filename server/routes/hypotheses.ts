import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { createMiddleware } from 'hono/factory'
import { z } from 'zod'
import { BoardIdSchema } from '../../shared/api/boards.js'
import {
  DecisionBodySchema,
  LessonBodySchema,
  MaxMeasurementBodyBytes,
  MeasurementsQuerySchema,
  TrackerQuerySchema,
  type MeasurementsResult,
} from '../../shared/api/hypotheses.js'
import { EntityIdSchema } from '../../shared/canvases/schema.js'
import { hypothesisSpec } from '../../shared/canvases/hypothesis/spec.js'
import { BoardKeysHeader } from '../../shared/api/links.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { validate } from '../http/validate.js'
import {
  addLesson,
  decide,
  recordMeasurements,
  verdictOf,
  viewOf,
} from '../hypotheses/hypothesisActions.js'
import { parseCsvMeasurements, parseJsonMeasurements } from '../hypotheses/parseMeasurements.js'
import { queryTracker } from '../indexes/trackerQuery.js'
import { editBoard, findCanvas, requireRoomFor } from './boardDoc.js'
import { requireIngestionToken } from './tokens.js'

const Params = z.object({ boardId: BoardIdSchema, hypothesisId: EntityIdSchema })
const ApiAuthor = 'API'

/** Measurements are attributed to the name of the token that posted them. */
type Env = { Variables: { tokenName: string } }

/** Hypotheses of a board: read, record measurements, decide, add lessons. */
export function hypothesisRoutes(ctx: ServerContext) {
  const find = (boardId: string, hypothesisId: string) =>
    findCanvas(ctx, boardId, hypothesisId, hypothesisSpec.kind)

  // The token is checked before the body is read: a stranger cannot make the server read 2 MiB.
  const ingestionToken = createMiddleware<Env>(async (c, next) => {
    const boardId = c.req.param('boardId') ?? ''
    const token = await requireIngestionToken(ctx, boardId, c.req.header('authorization'))
    c.set('tokenName', token.name)
    await next()
  })

  return new Hono<Env>()
    .get('/:boardId/hypotheses/:hypothesisId', validate('param', Params), async (c) => {
      const { boardId, hypothesisId } = c.req.valid('param')
      return c.json(viewOf(await find(boardId, hypothesisId), ctx.now()))
    })
    .post(
      '/:boardId/hypotheses/:hypothesisId/measurements',
      validate('param', Params),
      validate('query', MeasurementsQuerySchema),
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
        const body = await editBoard(async (): Promise<MeasurementsResult> => {
          // Found after the body is read, so the metrics and status are those of now.
          const found = await find(boardId, hypothesisId)
          requireRoomFor(found.room, text.length)
          const keys = new Set((found.content.metrics ?? []).map((m) => m.key))
          const parsed = isCsv
            ? parseCsvMeasurements(text, keys, baseline)
            : parseJsonMeasurements(json, keys)
          const now = ctx.now()
          const result = await recordMeasurements(
            found,
            parsed.rows,
            parsed.baseline ?? baseline ?? false,
            c.get('tokenName'),
            now,
            ctx.measurements,
          )
          return { ...result, verdict: verdictOf(found, now, ctx.measurements) }
        })
        return c.json(body)
      },
    )
    .post(
      '/:boardId/hypotheses/:hypothesisId/decision',
      validate('param', Params),
      validate('json', DecisionBodySchema),
      async (c) => {
        const { boardId, hypothesisId } = c.req.valid('param')
        const { decision, rationale, by } = c.req.valid('json')
        const view = await editBoard(async () => {
          const found = await find(boardId, hypothesisId)
          await decide(found, decision, rationale, by ?? ApiAuthor, ctx.now())
          return viewOf(found, ctx.now())
        })
        return c.json(view, 201)
      },
    )
    .post(
      '/:boardId/hypotheses/:hypothesisId/lessons',
      validate('param', Params),
      validate('json', LessonBodySchema),
      async (c) => {
        const { boardId, hypothesisId } = c.req.valid('param')
        const { text, by } = c.req.valid('json')
        const lesson = await editBoard(async () =>
          addLesson(await find(boardId, hypothesisId), text, by ?? ApiAuthor, ctx.now()),
        )
        return c.json(lesson, 201)
      },
    )
}

/** GET /api/hypotheses: the tracker, served from the index (no board is loaded). */
export function trackerRoutes(ctx: ServerContext) {
  return new Hono().get('/', validate('query', TrackerQuerySchema), async (c) => {
    const query = c.req.valid('query')
    if (!ctx.access.openInstance) {
      // With share links, the tracker covers the boards whose keys the caller sends.
      const header = c.req.header(BoardKeysHeader) ?? ''
      const readable = new Set<string>()
      for (const key of header
        .split(/[\s,]+/)
        .filter(Boolean)
        .slice(0, 1000)) {
        const access = await ctx.access.boardForKey(key)
        if (access) readable.add(access.boardId)
      }
      const boards = query.board ? query.board.filter((id) => readable.has(id)) : [...readable]
      return c.json(await queryTracker(ctx.persistence, { ...query, board: boards }, ctx.now()))
    }
    return c.json(await queryTracker(ctx.persistence, query, ctx.now()))
  })
}
