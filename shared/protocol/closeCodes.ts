/**
 * WebSocket close codes used by the sync endpoint. A closed set: every close the server
 * initiates uses one of these, so clients and logs can branch on the code.
 */
export const CloseCodes = {
  MalformedMessage: { code: 4400, reason: 'Malformed message' },
  Unauthorized: { code: 4401, reason: 'Unauthorized' },
  Forbidden: { code: 4403, reason: 'Forbidden' },
  BoardNotFound: { code: 4404, reason: 'Board not found' },
  BoardDeleted: { code: 4410, reason: 'Board deleted' },
  // The standard code; the WebSocket layer enforces the limit before buffering the frame.
  MessageTooLarge: { code: 1009, reason: 'Message too big' },
  DocumentTooLarge: { code: 4507, reason: 'Document too large' },
  ServerError: { code: 4500, reason: 'Server error' },
  ServerShuttingDown: { code: 4503, reason: 'Server shutting down' },
} as const

export type CloseCodeName = keyof typeof CloseCodes
export type CloseCode = (typeof CloseCodes)[CloseCodeName]

/** Close codes after which a client should not try to reconnect with the same URL. */
export const terminalCloseCodes: ReadonlySet<number> = new Set([
  CloseCodes.Unauthorized.code,
  CloseCodes.Forbidden.code,
  CloseCodes.BoardNotFound.code,
  CloseCodes.BoardDeleted.code,
])

/** Finds the named close code for a numeric code, if it is one of ours. */
export function closeCodeName(code: number): CloseCodeName | undefined {
  for (const [name, value] of Object.entries(CloseCodes)) {
    if (value.code === code) return name as CloseCodeName
  }
  return undefined
}
