import { type Board, BoardSchema } from '../../shared/api/boards'
import {
  BoardLookupResponseSchema,
  BoardWithRoleSchema,
  CreatedBoardSchema,
  type Role,
} from '../../shared/api/links'
import { allBoardKeys, boardKeyOf, rememberBoardKey } from '../access/boardKeys'
import { creationAuthHeaders } from '../access/creationToken'
import { useUiStore } from '../state/uiStore'
import { ParticipantHeader } from '../../shared/workshop/participant'
import { answer, api, withKey } from './client'

/** A board with the role this browser has on it. */
export type BoardWithRole = Board & { role?: Role }

/**
 * The boards this browser holds links to (every board on an open instance): live ones most
 * recently edited first, and those deleted within the restore window.
 */
export async function listBoards(
  signal?: AbortSignal,
): Promise<{ boards: BoardWithRole[]; deleted: BoardWithRole[] }> {
  const { boards } = await answer(
    api.boards.lookup.$post({ json: { keys: allBoardKeys() } }, { init: { signal } }),
    BoardLookupResponseSchema,
  )
  for (const b of boards) if (b.key) rememberBoardKey(b.id, b.key, b.role)
  const strip = ({ key: _, ...board }: (typeof boards)[number]) => board
  return {
    boards: boards.filter((b) => !b.deletedAt).map(strip),
    deleted: boards.filter((b) => b.deletedAt).map(strip),
  }
}

/**
 * Creates a board and keeps its owner key in this browser; an omitted title gets the default.
 * Sends the server's creation token when this browser holds one.
 */
export async function createBoard(title?: string): Promise<Board> {
  const created = await answer(
    api.boards.$post({ json: title ? { title } : {} }, { headers: creationAuthHeaders() }),
    CreatedBoardSchema,
  )
  const { ownerKey, links: _, ...board } = created
  rememberBoardKey(board.id, ownerKey, 'owner')
  return board
}

/** Reads one board's metadata and the role this browser has on it. */
export async function getBoard(id: string, signal?: AbortSignal): Promise<BoardWithRole> {
  const board = await answer(
    api.boards[':boardId'].$get({ param: { boardId: id } }, withKey(id, { signal })),
    BoardWithRoleSchema,
  )
  const key = boardKeyOf(id)
  if (key) rememberBoardKey(id, key, board.role)
  return board
}

/** Renames a board. */
export function renameBoard(id: string, title: string): Promise<Board> {
  const call = api.boards[':boardId'].$patch(
    { param: { boardId: id }, json: { title } },
    withKey(id),
  )
  return answer(call, BoardSchema)
}

/**
 * Moves a board to "recently deleted" (owner only). Sent as this person, so that everyone on
 * the board is told the name they know them by.
 */
export async function deleteBoard(id: string): Promise<void> {
  const header = { [ParticipantHeader]: useUiStore.getState().participantSecret }
  const call = api.boards[':boardId'].$delete({ param: { boardId: id }, header }, withKey(id))
  await answer(call, BoardSchema)
}

/** Brings a deleted board back. */
export function restoreBoard(id: string): Promise<Board> {
  const call = api.boards[':boardId'].restore.$post({ param: { boardId: id } }, withKey(id))
  return answer(call, BoardSchema)
}
