import { z, type ZodType } from 'zod'

/** Pieces the OpenAPI document is built from. */
export const schema = (s: ZodType, io: 'input' | 'output' = 'output') =>
  z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Record<string, unknown>

// OpenAPI requires a description on every response; a request body may have one too.
export const json = (s: ZodType, io: 'input' | 'output' = 'output') => ({
  description: s.description ?? 'JSON',
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
export const errors = (...codes: number[]) =>
  Object.fromEntries(codes.map((code) => [String(code), { description: 'Error', ...errorBody }]))
export const boardId = { name: 'boardId', in: 'path', required: true, schema: { type: 'string' } }
export const markdown = { content: { 'text/markdown': { schema: { type: 'string' } } } }
