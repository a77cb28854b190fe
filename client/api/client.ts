import { hc, type ClientRequestOptions, type ClientResponse } from 'hono/client'
import type { SuccessStatusCode } from 'hono/utils/http-status'
import { z } from 'zod'
import type { ApiErrorCode } from '../../shared/api/errors'
import { ApiErrors } from '../../shared/api/errors'
import type { AppType } from '../../server/app'
import { boardAuthHeaders } from '../access/requestAuth'

/** A failed API call: the server's error code and message, or a network/protocol failure. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | 'network' | 'bad_response',
    message: string,
    readonly status: number,
    /** What else the server said (`details` of its error body), unchecked: parse before use. */
    readonly details?: unknown,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** Sends a call of the typed client; a failed connection is an ApiError. */
async function send(input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  headers.set('Accept', 'application/json')
  try {
    return await fetch(input, { ...init, headers })
  } catch (error) {
    if (init.signal?.aborted) throw error
    throw new ApiError('network', 'Cannot reach the server. Check your connection.', 0)
  }
}

/**
 * The REST API, typed by the server's routes (`api.boards[':boardId'].$get({ param })`): a
 * changed path, parameter or body is a type error here and in the route.
 */
export const api = hc<AppType>('/', { fetch: send }).api

/**
 * The options of a call to one board's routes: the board's key, any other headers, and fetch
 * options (a signal, a raw body).
 */
export function withKey(
  boardId: string,
  { headers, ...init }: RequestInit & { headers?: Record<string, string> } = {},
): ClientRequestOptions {
  return { headers: { ...boardAuthHeaders(boardId), ...headers }, init }
}

/** What the server declares a call answers when it succeeds. */
type SuccessBody<R> =
  R extends ClientResponse<infer Body, infer Status, 'json'>
    ? Status extends SuccessStatusCode
      ? Body
      : never
    : never

/** Accepts a schema only if every answer the server declares fits what it parses. */
type Fits<Server, Client> = [Server] extends [Client]
  ? unknown
  : { 'the server declares another answer': Server }

/**
 * The JSON answer of a call, checked with the shared schema (an answer is a trust boundary);
 * throws ApiError for an error answer or one that does not fit.
 */
export async function answer<R extends ClientResponse<unknown, number, string>, T>(
  call: Promise<R>,
  schema: z.ZodType<T> & Fits<SuccessBody<R>, T>,
): Promise<T> {
  const response = await call
  const json: unknown = await response.json().catch(() => undefined)
  if (!response.ok) throw errorFromResponse(response.status, json)
  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    throw new ApiError('bad_response', 'The server sent an unexpected answer.', response.status)
  }
  return parsed.data
}

/** Waits for a call that answers without a body (204); throws ApiError for an error answer. */
export async function done(call: Promise<ClientResponse<unknown, number, string>>): Promise<void> {
  const response = await call
  if (response.ok) return
  throw errorFromResponse(response.status, await response.json().catch(() => undefined))
}

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
})

function errorFromResponse(status: number, json: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(json)
  if (parsed.success) {
    const { code, message, details } = parsed.data.error
    return new ApiError(isApiErrorCode(code) ? code : 'bad_response', message, status, details)
  }
  // Proxies and crashed servers answer without our error body.
  const fallback = status === 413 ? 'payload_too_large' : 'internal'
  return new ApiError(fallback, `The server answered ${status}.`, status)
}

function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(ApiErrors, code)
}
