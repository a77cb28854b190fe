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
  // Browsers keep a 410 (and may keep a 404) without asking again unless told not to: a board
  // restored after its 410 would stay gone for that browser.
  c.header('Cache-Control', 'no-store')
  return c.json(body, ApiErrors[code] as ContentfulStatusCode)
}
