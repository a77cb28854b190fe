/**
 * The stored document of a person's drafts on a board. Derived on the server from the board id
 * and the participant id of the secret the connection presented, never from anything a client
 * names, so nobody can reach someone else's drafts. Board ids never hold '/', so a draft id is
 * never a board's, and the board's own document, exports and indexes never read it.
 */
export const draftDocumentId = (boardId: string, participantId: string) =>
  `${draftPrefix(boardId)}${participantId}`

/** What every draft document id of a board starts with. */
export const draftPrefix = (boardId: string) => `${boardId}/drafts/`

/** The participant a draft document belongs to, if `id` is a draft of `boardId`. */
export function draftOwner(boardId: string, id: string): string | undefined {
  const prefix = draftPrefix(boardId)
  return id.startsWith(prefix) ? id.slice(prefix.length) : undefined
}
