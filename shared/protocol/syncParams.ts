/**
 * The query parameter of the sync URL that asks for the person's private drafts instead of the
 * board (docs/protocol.md); the person is the participant secret beside it (`ParticipantParam`).
 */
export const DraftsQueryParam = 'drafts'

/**
 * The query parameter of the sync URL that asks for the board's comments (read-only: only the
 * server writes them, through the REST API) instead of the board.
 */
export const CommentsQueryParam = 'comments'
