import { z } from 'zod'
import type { ApiErrorCode } from '../../shared/api/errors'
import { ApiErrors } from '../../shared/api/errors'
import { authHeaders } from '../access/requestAuth'

/** A failed API call: the server's error code and message, or a network/protocol failure. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode | 'network' | 'bad_response',
    message: string,
    readonly status: number,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string() }),
})

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE'
  /** A JSON body, or a Blob sent as-is with its own type. */
  body?: unknown
  signal?: AbortSignal
  /** Extra headers, such as the participant secret of workshop calls. */
  headers?: Record<string, string>
}

/** Calls the REST API and validates the JSON answer; throws ApiError on any failure. */
export async function apiRequest<T>(
  path: string,
  schema: z.ZodType<T>,
  { method = 'GET', body, signal, headers }: RequestOptions = {},
): Promise<T> {
  const init: RequestInit = {
    method,
    signal,
    headers: { Accept: 'application/json', ...authHeaders(path), ...headers },
  }
  if (body instanceof Blob) {
    init.body = body
    init.headers = { ...init.headers, 'Content-Type': body.type || 'application/octet-stream' }
  } else if (body !== undefined) {
    init.body = JSON.stringify(body)
    init.headers = { ...init.headers, 'Content-Type': 'application/json' }
  }

  let response: Response
  try {
    response = await fetch(path, init)
  } catch (error) {
    if (signal?.aborted) throw error
    throw new ApiError('network', 'Cannot reach the server. Check your connection.', 0)
  }

  const json: unknown = await response.json().catch(() => undefined)
  if (!response.ok) throw errorFromResponse(response.status, json)

  const parsed = schema.safeParse(json)
  if (!parsed.success) {
    throw new ApiError('bad_response', 'The server sent an unexpected answer.', response.status)
  }
  return parsed.data
}

function errorFromResponse(status: number, json: unknown): ApiError {
  const parsed = ErrorBodySchema.safeParse(json)
  if (parsed.success) {
    const { code, message } = parsed.data.error
    return new ApiError(isApiErrorCode(code) ? code : 'bad_response', message, status)
  }
  // Proxies and crashed servers answer without our error body.
  const fallback = status === 413 ? 'payload_too_large' : 'internal'
  return new ApiError(fallback, `The server answered ${status}.`, status)
}

function isApiErrorCode(code: string): code is ApiErrorCode {
  return Object.hasOwn(ApiErrors, code)
}
