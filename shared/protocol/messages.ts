/**
 * Wire message tags of the y-websocket protocol, as the server accepts them. The first varuint
 * of every binary frame is one of these; anything else is a malformed message.
 * Sync sub-messages follow y-protocols/sync: step 1 (state vector), step 2 and update.
 */
export const MessageType = {
  Sync: 0,
  Awareness: 1,
  Auth: 2,
  QueryAwareness: 3,
} as const
export type MessageType = (typeof MessageType)[keyof typeof MessageType]

export const SyncMessageType = {
  Step1: 0,
  Step2: 1,
  Update: 2,
} as const
export type SyncMessageType = (typeof SyncMessageType)[keyof typeof SyncMessageType]

/** Path of the sync endpoint for a board. */
export const syncPath = (boardId: string) => `/sync/${encodeURIComponent(boardId)}`
