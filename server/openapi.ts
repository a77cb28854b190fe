import { z } from 'zod'
import { accessPaths } from './openapiAccess.js'
import { boardId, errors, json, markdown, schema } from './openapiParts.js'
import { BoardSchema, CreateBoardBodySchema, UpdateBoardBodySchema } from '../shared/api/boards.js'
import { CreatedBoardKeysSchema } from '../shared/api/links.js'
import { CreateCanvasBodySchema, UpdateCanvasBodySchema } from '../shared/api/canvases.js'
import {
  CreateTokenBodySchema,
  CreatedTokenSchema,
  DecisionBodySchema,
  HypothesisViewSchema,
  LessonBodySchema,
  LessonResponseSchema,
  MaxMeasurementBodyBytes,
  MaxMeasurementsPerRequest,
  MeasurementInputSchema,
  MeasurementsResultSchema,
  TokenListSchema,
  TrackerResponseSchema,
  TrackerSorts,
} from '../shared/api/hypotheses.js'
import { HypothesisStatuses } from '../shared/canvases/hypothesis/tracking.js'
import { Verdicts } from '../shared/canvases/hypothesis/verdict.js'
import { CanvasContentSchema } from '../shared/canvases/schema.js'

const canvasId = { name: 'canvasId', in: 'path', required: true, schema: { type: 'string' } }
const hypothesisId = {
  name: 'hypothesisId',
  in: 'path',
  required: true,
  description: 'The id of the hypothesis canvas',
  schema: { type: 'string' },
}
const tokenId = { name: 'tokenId', in: 'path', required: true, schema: { type: 'string' } }
const csvQuery = (name: string, values: readonly string[], description: string) => ({
  name,
  in: 'query',
  description: `${description}; comma-separated, any of: ${values.join(', ')}`,
  schema: { type: 'string' },
})
const measurementsBody = {
  description:
    `JSON { measurements: [...], baseline? } or text/csv with the header metric,value,at,source,id. ` +
    `At most ${MaxMeasurementsPerRequest} rows and ${MaxMeasurementBodyBytes} bytes.`,
  content: {
    'application/json': {
      schema: {
        type: 'object',
        required: ['measurements'],
        properties: {
          measurements: {
            type: 'array',
            minItems: 1,
            maxItems: MaxMeasurementsPerRequest,
            items: schema(MeasurementInputSchema, 'input'),
          },
          baseline: { type: 'boolean', description: 'Marks every row as a baseline reading' },
        },
      },
    },
    'text/csv': {
      schema: { type: 'string', example: 'metric,value,at,source,id\nconversion,0.051,,,run-1' },
    },
  },
}
const canvas = schema(CanvasContentSchema)

/** The OpenAPI 3.1 description of the REST API, generated from the shared zod schemas. */
export function buildOpenApiDocument() {
  return withBodyLimits({
    openapi: '3.1.0',
    info: {
      title: 'Discovery Board API',
      version: '1',
      description:
        'Boards, typed canvases, hypotheses with measured outcomes, and markdown export/import. ' +
        'Errors are { error: { code, message } }. Measurements are posted with an ingestion token ' +
        '(Authorization: Bearer <token>) created for the board. ' +
        'Board routes need a board key (Authorization: Bearer <key>, or ?key= on plain links) ' +
        'unless the server runs as an open instance; without a valid key a board answers 404, ' +
        'and a role that does not allow the action 403. ' +
        'Realtime sync is the y-websocket protocol at /sync/{boardId}?key=<key> (see docs/protocol.md).',
    },
    components: {
      securitySchemes: {
        boardKey: {
          type: 'http',
          scheme: 'bearer',
          description: 'A board key: the owner key or the key of an edit, comment or view link',
        },
        ingestionToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'An ingestion token of the board (POST /api/boards/{boardId}/tokens)',
        },
      },
    },
    security: [{ boardKey: [] }],
    paths: {
      ...accessPaths(),
      '/api/health': {
        get: { summary: 'Health check', responses: { 200: { description: 'OK' } } },
      },
      '/api/boards': {
        get: {
          summary:
            'List every board (open instances only; with share links use POST /api/boards/lookup); ' +
            '?deleted=true lists restorable deleted boards',
          parameters: [
            { name: 'deleted', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: { 200: json(z.object({ boards: z.array(BoardSchema) })) },
        },
        post: {
          summary:
            'Create a board; the answer carries its owner key (shown once) and its three share links. ' +
            'Rate-limited per client address (429 rate_limited with Retry-After).',
          requestBody: json(CreateBoardBodySchema, 'input'),
          responses: {
            201: json(BoardSchema.extend(CreatedBoardKeysSchema.shape)),
            ...errors(400, 413, 429),
          },
        },
      },
      '/api/boards/{boardId}': {
        parameters: [boardId],
        get: { summary: 'Read a board', responses: { 200: json(BoardSchema), ...errors(404) } },
        patch: {
          summary: 'Rename a board',
          requestBody: json(UpdateBoardBodySchema, 'input'),
          responses: { 200: json(BoardSchema), ...errors(400, 404) },
        },
        delete: {
          summary: 'Delete a board (restorable for 30 days)',
          responses: { 200: json(BoardSchema), ...errors(404) },
        },
      },
      '/api/boards/{boardId}/restore': {
        parameters: [boardId],
        post: {
          summary: 'Restore a deleted board',
          responses: { 200: json(BoardSchema), ...errors(404, 410) },
        },
      },
      '/api/boards/{boardId}/assets': {
        parameters: [boardId],
        post: {
          summary: 'Upload an image (raw body; png, jpeg, gif or webp)',
          requestBody: { content: { 'image/*': { schema: { type: 'string', format: 'binary' } } } },
          responses: { 201: { description: '{ id, src }' }, ...errors(404, 413, 415) },
        },
      },
      '/api/assets/{assetId}': {
        parameters: [{ name: 'assetId', in: 'path', required: true, schema: { type: 'string' } }],
        get: {
          summary: 'An uploaded image',
          responses: {
            200: {
              description: 'The image',
              content: { 'image/*': { schema: { type: 'string', format: 'binary' } } },
            },
            ...errors(404),
          },
        },
      },
      '/api/boards/{boardId}/canvases': {
        parameters: [boardId],
        get: {
          summary: 'Every canvas of the board with its typed content (and value-stream figures)',
          responses: {
            200: {
              description: '{ canvases }',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: { canvases: { type: 'array', items: canvas } },
                  },
                },
              },
            },
          },
        },
        post: {
          summary: 'Create a canvas; boxes map box keys to arrays of strings',
          requestBody: json(CreateCanvasBodySchema, 'input'),
          responses: {
            201: { description: 'The canvas', content: { 'application/json': { schema: canvas } } },
            ...errors(400, 404),
          },
        },
      },
      '/api/boards/{boardId}/canvases/{canvasId}': {
        parameters: [boardId, canvasId],
        get: {
          summary: 'Read a canvas',
          responses: {
            200: { description: 'The canvas', content: { 'application/json': { schema: canvas } } },
            ...errors(404),
          },
        },
        patch: {
          summary:
            'Change what the body names and nothing else; items are strings (new) or { id, text? }. ' +
            'On a hypothesis: `status` moves it under the lifecycle rules (409 with the reason when ' +
            'refused, e.g. a criterion without baseline or target); `timeboxDays` sets the time box ' +
            'before it runs; changing metrics once it runs needs a `reason` and is kept as an ' +
            'amendment (409 without one); `lessons` cannot be changed here (append-only).',
          requestBody: json(UpdateCanvasBodySchema, 'input'),
          responses: {
            200: { description: 'The canvas', content: { 'application/json': { schema: canvas } } },
            ...errors(400, 404, 409),
          },
        },
        delete: {
          summary: 'Delete a canvas',
          responses: { 204: { description: 'Deleted' }, ...errors(404) },
        },
      },
      '/api/boards/{boardId}/tokens': {
        parameters: [boardId],
        post: {
          summary: 'Create a named ingestion token; the token is shown in this response only',
          requestBody: json(CreateTokenBodySchema, 'input'),
          responses: { 201: json(CreatedTokenSchema), ...errors(400, 404) },
        },
        get: {
          summary: 'List the active ingestion tokens by name (never the secret)',
          responses: { 200: json(TokenListSchema), ...errors(404) },
        },
      },
      '/api/boards/{boardId}/tokens/{tokenId}': {
        parameters: [boardId, tokenId],
        delete: {
          summary: 'Revoke a token',
          responses: { 204: { description: 'Revoked' }, ...errors(404) },
        },
      },
      '/api/boards/{boardId}/hypotheses/{hypothesisId}': {
        parameters: [boardId, hypothesisId],
        get: {
          summary:
            'A hypothesis: status, time box, criteria, amendments, measurements, verdict, decision, lessons',
          responses: { 200: json(HypothesisViewSchema), ...errors(404) },
        },
      },
      '/api/boards/{boardId}/hypotheses/{hypothesisId}/measurements': {
        parameters: [
          boardId,
          hypothesisId,
          {
            name: 'baseline',
            in: 'query',
            description: 'true marks the rows as baseline readings (for CSV)',
            schema: { type: 'string', enum: ['true', 'false'] },
          },
        ],
        post: {
          summary:
            'Record measurements, all or nothing. A bad row is a 400 naming the row and field; an ' +
            '`id` recorded before is kept once; a hypothesis that is not running takes only ' +
            'baseline readings (409 otherwise).',
          security: [{ ingestionToken: [] }],
          requestBody: measurementsBody,
          responses: {
            200: json(MeasurementsResultSchema),
            ...errors(400, 401, 403, 404, 409, 413, 415),
          },
        },
      },
      '/api/boards/{boardId}/hypotheses/{hypothesisId}/decision': {
        parameters: [boardId, hypothesisId],
        post: {
          summary:
            'Decide a running or evaluated hypothesis: persevere, pivot or stop. A pivot creates a ' +
            'successor hypothesis on the board (problem and customers carried over), linked both ways.',
          requestBody: json(DecisionBodySchema, 'input'),
          responses: { 201: json(HypothesisViewSchema), ...errors(400, 404, 409) },
        },
      },
      '/api/boards/{boardId}/hypotheses/{hypothesisId}/lessons': {
        parameters: [boardId, hypothesisId],
        post: {
          summary: 'Append a dated, attributed lesson to the lessons-learned log',
          requestBody: json(LessonBodySchema, 'input'),
          responses: { 201: json(LessonResponseSchema), ...errors(400, 404) },
        },
      },
      '/api/hypotheses': {
        get: {
          summary:
            'The tracker: every hypothesis on every board, from the index (no board is loaded)',
          parameters: [
            csvQuery('status', HypothesisStatuses, 'Only these statuses'),
            csvQuery('verdict', Verdicts, 'Only these verdicts (as of now)'),
            {
              name: 'board',
              in: 'query',
              description: 'Only these boards; comma-separated board ids',
              schema: { type: 'string' },
            },
            {
              name: 'overdue',
              in: 'query',
              description: 'true: only overdue; false: none overdue',
              schema: { type: 'string', enum: ['true', 'false'] },
            },
            {
              name: 'sort',
              in: 'query',
              description: 'due: soonest time-box end first; updated (default): last change first',
              schema: { type: 'string', enum: [...TrackerSorts] },
            },
            {
              name: 'limit',
              in: 'query',
              schema: { type: 'integer', minimum: 1, maximum: 10000 },
            },
          ],
          responses: { 200: json(TrackerResponseSchema), ...errors(400) },
        },
      },
      '/api/boards/{boardId}/export.md': {
        parameters: [boardId],
        get: {
          summary: 'The board as markdown (docs/markdown-format.md)',
          responses: { 200: markdown },
        },
      },
      '/api/boards/{boardId}/canvases/{canvasId}/export.md': {
        parameters: [boardId, canvasId],
        get: { summary: 'One canvas as markdown', responses: { 200: markdown } },
      },
      '/api/boards/{boardId}/import': {
        parameters: [boardId],
        post: {
          summary: 'Create the canvases a markdown export describes; all or nothing',
          requestBody: markdown,
          responses: { 201: { description: '{ ids }' }, ...errors(400, 404, 413) },
        },
      },
    },
  })
}

/** Every request body has a size limit (1 MiB unless the route says otherwise): 413 when over. */
function withBodyLimits<T extends { paths: Record<string, Record<string, unknown>> }>(doc: T): T {
  for (const path of Object.values(doc.paths)) {
    for (const operation of Object.values(path)) {
      const op = operation as { requestBody?: unknown; responses?: Record<string, unknown> }
      if (op.requestBody && op.responses && !op.responses['413'])
        Object.assign(op.responses, errors(413))
    }
  }
  return doc
}
