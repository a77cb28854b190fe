import { z, type ZodType } from 'zod'
import { BoardSchema, CreateBoardBodySchema, UpdateBoardBodySchema } from '../shared/api/boards.js'
import { CreateCanvasBodySchema, UpdateCanvasBodySchema } from '../shared/api/canvases.js'
import { CanvasContentSchema } from '../shared/canvases/schema.js'

const schema = (s: ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>

const json = (s: ZodType, io: 'input' | 'output' = 'output') => ({
  content: { 'application/json': { schema: schema(s, io) } },
})
const errorBody = {
  content: {
    'application/json': {
      schema: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: { code: { type: 'string' }, message: { type: 'string' }, details: {} },
            required: ['code', 'message'],
          },
        },
      },
    },
  },
}
const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'Error', ...errorBody }]))
const boardId = { name: 'boardId', in: 'path', required: true, schema: { type: 'string' } }
const canvasId = { name: 'canvasId', in: 'path', required: true, schema: { type: 'string' } }
const markdown = { content: { 'text/markdown': { schema: { type: 'string' } } } }
const canvas = schema(CanvasContentSchema)

/** The OpenAPI 3.1 description of the REST API, generated from the shared zod schemas. */
export function buildOpenApiDocument() {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Discovery Board API',
      version: '1',
      description:
        'Boards, typed canvases and markdown export/import. Errors are { error: { code, message } }. ' +
        'Realtime sync is the y-websocket protocol at /sync/{boardId} (see docs/protocol.md).',
    },
    paths: {
      '/api/health': {
        get: { summary: 'Health check', responses: { 200: { description: 'OK' } } },
      },
      '/api/boards': {
        get: {
          summary: 'List boards (newest edit first); ?deleted=true lists restorable deleted boards',
          parameters: [
            { name: 'deleted', in: 'query', schema: { type: 'string', enum: ['true', 'false'] } },
          ],
          responses: { 200: json(z.object({ boards: z.array(BoardSchema) })) },
        },
        post: {
          summary: 'Create a board',
          requestBody: json(CreateBoardBodySchema, 'input'),
          responses: { 201: json(BoardSchema), ...errors(400) },
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
            'Change what the body names and nothing else; items are strings (new) or { id, text? }',
          requestBody: json(UpdateCanvasBodySchema, 'input'),
          responses: {
            200: { description: 'The canvas', content: { 'application/json': { schema: canvas } } },
            ...errors(400, 404),
          },
        },
        delete: {
          summary: 'Delete a canvas',
          responses: { 204: { description: 'Deleted' }, ...errors(404) },
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
  }
}
