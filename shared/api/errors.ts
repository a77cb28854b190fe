import { z } from 'zod'

/** REST error codes: a closed set, each with its HTTP status. */
export const ApiErrors = {
  invalid_body: 400,
  invalid_query: 400,
  unauthorized: 401,
  /** The server lets only holders of its creation token create boards, and none was sent. */
  creation_token_required: 401,
  /** The creation token sent is not the server's. */
  creation_token_refused: 403,
  forbidden: 403,
  not_found: 404,
  board_not_found: 404,
  asset_not_found: 404,
  /** The board was deleted (its key is valid); only its owner may restore it. */
  gone: 410,
  /** The endpoint does not answer this method (`Allow` names those it does). */
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A facilitator locked the canvas, frame or board the change touches; nothing was changed. */
  locked: 423,
  rate_limited: 429,
  internal: 500,
  /** The board's stored data cannot be read or decoded (`npm run doctor` can salvage it). */
  board_unreadable: 500,
  /** The store refused a write (disk full, I/O error, database down); nothing was changed. */
  storage_unavailable: 503,
} as const

export type ApiErrorCode = keyof typeof ApiErrors

const ApiErrorCodes = Object.keys(ApiErrors) as [ApiErrorCode, ...ApiErrorCode[]]

/** The JSON body of every REST error, as a schema (the API description uses it). */
export const ApiErrorBodySchema = z.object({
  error: z.object({
    code: z.enum(ApiErrorCodes),
    message: z.string(),
    /** What else the error knows: the bad fields of a body, the line of a markdown file, … */
    details: z.unknown().optional(),
  }),
})
export type ApiErrorBody = z.infer<typeof ApiErrorBodySchema>
