import type { Role } from '../../shared/api/links.js'
import { CloseCodes, type CloseCode } from '../../shared/protocol/closeCodes.js'
import type { BoardRepository } from '../persistence/types.js'
import type { BoardAccess } from './boardAccess.js'

/**
 * The role a sync connection opens a board with, from the key on its URL, or why it is refused:
 * without a valid key the board cannot be found (4404, like a board that does not exist), and a
 * deleted board answers 4410 only to someone holding its key. Every room kind asks this first.
 */
export async function syncRole(
  deps: { boards: Pick<BoardRepository, 'getBoard'>; access: BoardAccess },
  boardId: string,
  url: URL,
): Promise<{ role: Role } | { refuse: CloseCode }> {
  const board = await deps.boards.getBoard(boardId)
  if (!board) return { refuse: CloseCodes.BoardNotFound }
  const role = await deps.access.roleFor(boardId, url.searchParams.get('key'))
  if (!role) return { refuse: CloseCodes.BoardNotFound }
  if (board.deletedAt) return { refuse: CloseCodes.BoardDeleted }
  return { role }
}
