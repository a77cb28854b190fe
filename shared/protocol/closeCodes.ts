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
  // The participant secret on the sync URL is not one: the server cannot tell who this is.
  IdentityRefused: { code: 4406, reason: 'Identity refused' },
  // The standard code; the WebSocket layer enforces the limit before buffering the frame.
  MessageTooLarge: { code: 1009, reason: 'Message too big' },
  // The standard "policy violation": the client stopped reading and its queue passed the
  // limit; it reconnects and catches up with a fresh sync.
  SendQueueFull: { code: 1008, reason: 'Send queue full' },
  DocumentTooLarge: { code: 4507, reason: 'Document too large' },
  ServerError: { code: 4500, reason: 'Server error' },
  // The board's stored data cannot be read or decoded; other boards are unaffected.
  BoardUnreadable: { code: 4422, reason: 'Board unreadable' },
  // The store refused the sender's update: it was not applied or relayed. The client keeps its
  // edits and retries with backoff.
  StorageUnavailable: { code: 4503, reason: 'Storage unavailable' },
  // The update changes something a facilitator locked: it was not stored, applied or relayed.
  // The client drops its unsaved change to the locked content and syncs again.
  Locked: { code: 4423, reason: 'Locked' },
  // The standard "service restart" code: reconnect later.
  ServerShuttingDown: { code: 1012, reason: 'Server shutting down' },
} as const

/**
 * Close codes that mean "the update you sent was too large to keep": retrying sends it again,
 * so the client must stop, tell the person and let them discard it.
 */
export const tooLargeCloseCodes: ReadonlySet<number> = new Set([
  CloseCodes.MessageTooLarge.code,
  CloseCodes.DocumentTooLarge.code,
])

export type CloseCodeName = keyof typeof CloseCodes
export type CloseCode = (typeof CloseCodes)[CloseCodeName]

/** Close codes after which a client should not try to reconnect with the same URL. */
export const terminalCloseCodes: ReadonlySet<number> = new Set([
  CloseCodes.Unauthorized.code,
  CloseCodes.Forbidden.code,
  CloseCodes.BoardNotFound.code,
  CloseCodes.BoardDeleted.code,
  CloseCodes.IdentityRefused.code,
  CloseCodes.BoardUnreadable.code,
])

/** Finds the named close code for a numeric code, if it is one of ours. */
export function closeCodeName(code: number): CloseCodeName | undefined {
  for (const [name, value] of Object.entries(CloseCodes)) {
    if (value.code === code) return name as CloseCodeName
  }
  return undefined
}
