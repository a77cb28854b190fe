import { OpenAPIHono } from '@hono/zod-openapi'
import type { Env, ValidationTargets } from 'hono'
import { z, type ZodError, type ZodType } from 'zod'
import { ApiErrorBodySchema } from '../../shared/api/errors.js'
import { ApiError } from './errors.js'

/**
 * Bad input of any route gets the app's error body: a 400 naming the first bad field
 * (`invalid_query` for the query, `invalid_body` for the body, path parameters and headers).
 * It is the default hook of every route module, so no route answers with another format.
 */
export function validationHook(
  result: { target: keyof ValidationTargets } & (
    { success: true } | { success: false; error: ZodError }
  ),
): void {
  if (result.success) return
  const issue = result.error.issues[0]
  // A header's message names the header itself.
  const named = issue && issue.path.length > 0 && result.target !== 'header'
  const where = named ? `${issue.path.join('.')}: ` : ''
  throw new ApiError(
    result.target === 'query' ? 'invalid_query' : 'invalid_body',
    `${where}${issue?.message ?? 'invalid'}`,
    result.error.issues.map((i) => ({ path: i.path, message: i.message })),
  )
}

/**
 * A route module: each route is `.openapi(createRoute({ method, path, request, responses }),
 * handler)`, so its schemas validate the request, type the handler and describe it in the
 * OpenAPI document.
 */
export const openApiRoutes = <E extends Env = Env>() =>
  new OpenAPIHono<E>({ defaultHook: validationHook })

/** A JSON request body or response with its shared schema. */
export const json = <T extends ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
})

/** A JSON request body (a body in another type is refused with 415 before the handler). */
export const jsonBody = <T extends ZodType>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
})

const ErrorMeanings = {
  400: 'A body, query, path parameter or header is invalid (`invalid_body`, `invalid_query`)',
  401: 'No valid ingestion token (`unauthorized`), or no creation token where the server asks for one (`creation_token_required`)',
  403: 'The key’s role or the token does not allow this (`forbidden`, `creation_token_refused`)',
  404: 'No such board (or no valid key for it), or nothing with this id on it',
  405: 'The endpoint does not answer this method; `Allow` names those it does (`method_not_allowed`)',
  409: 'The change does not fit the current state; the message says why (`conflict`)',
  410: 'The board was deleted (`gone`, details `{ deletedAt, deletedBy }`); restoring it answers this once the restore window has passed',
  413: 'The body, or the board with it, is over its size limit (`payload_too_large`)',
  415: 'The body’s Content-Type is not accepted here (`unsupported_media_type`)',
  423: 'A facilitator locked what this changes; nothing was changed (`locked`)',
  429: 'Too many boards created from this address; see Retry-After (`rate_limited`)',
  503: 'The store refuses writes right now; nothing was changed (`storage_unavailable`)',
} as const

// Named, so the document shows it once and every error answer refers to it.
const ErrorBody = ApiErrorBodySchema.meta({ id: 'ApiError' })

/** The error answers a route gives, each with the app's error body. */
export const errors = <const S extends keyof typeof ErrorMeanings>(...statuses: S[]) =>
  Object.fromEntries(
    statuses.map((status) => [status, json(ErrorBody, ErrorMeanings[status])]),
  ) as Record<S, ReturnType<typeof json<typeof ErrorBody>>>

/** A body that is not JSON (an image, markdown), described but read by the handler itself. */
export const rawContent = (types: readonly string[], schema: Record<string, unknown>) =>
  Object.fromEntries(types.map((type) => [type, { schema }]))

/** A markdown body or answer. */
export const MarkdownContent = { 'text/markdown': { schema: z.string() } }
