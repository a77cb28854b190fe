import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { ApiErrors, type ApiErrorBody, type ApiErrorCode } from '../../shared/api/errors.js'

/** A REST error with one of the shared codes; `onError` turns it into JSON. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message)
  }
}

/** Writes the JSON body for an error code. */
export function errorResponse(c: Context, code: ApiErrorCode, message: string, details?: unknown) {
  const body: ApiErrorBody = {
    error: { code, message, ...(details === undefined ? {} : { details }) },
  }
  return c.json(body, ApiErrors[code] as ContentfulStatusCode)
}
