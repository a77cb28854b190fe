import { z } from 'zod'
import { BoardSchema, type Board } from '../../shared/api/boards'
import { CreatedBoardKeysSchema, Roles, type Role } from '../../shared/api/links'
import { allBoardKeys, boardKeyOf, rememberBoardKey } from '../access/boardKeys'
import { apiRequest } from './client'

const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`

/** A board with the role this browser has on it. */
export type BoardWithRole = Board & { role?: Role }

const BoardWithRoleSchema = BoardSchema.extend({ role: z.enum(Roles).optional() })
const LookupSchema = z.object({
  boards: z.array(BoardWithRoleSchema.extend({ key: z.string().nullable() })),
})

/**
 * The boards this browser holds links to (every board on an open instance): live ones most
 * recently edited first, and those deleted within the restore window.
 */
export async function listBoards(
  signal?: AbortSignal,
): Promise<{ boards: BoardWithRole[]; deleted: BoardWithRole[] }> {
  const { boards } = await apiRequest('/api/boards/lookup', LookupSchema, {
    method: 'POST',
    body: { keys: allBoardKeys() },
    signal,
  })
  for (const b of boards) if (b.key) rememberBoardKey(b.id, b.key, b.role ?? 'view')
  const strip = ({ key: _, ...board }: (typeof boards)[number]) => board
  return {
    boards: boards.filter((b) => !b.deletedAt).map(strip),
    deleted: boards.filter((b) => b.deletedAt).map(strip),
  }
}

/** Creates a board and keeps its owner key in this browser; an omitted title gets the default. */
export async function createBoard(title?: string): Promise<Board> {
  const created = await apiRequest(
    '/api/boards',
    BoardSchema.extend(CreatedBoardKeysSchema.shape),
    {
      method: 'POST',
      body: title ? { title } : {},
    },
  )
  const { ownerKey, links: _, ...board } = created
  rememberBoardKey(board.id, ownerKey, 'owner')
  return board
}

/** Reads one board's metadata and the role this browser has on it. */
export async function getBoard(id: string, signal?: AbortSignal): Promise<BoardWithRole> {
  const board = await apiRequest(boardPath(id), BoardWithRoleSchema, { signal })
  const key = boardKeyOf(id)
  if (key && board.role) rememberBoardKey(id, key, board.role)
  return board
}

/** Renames a board. */
export function renameBoard(id: string, title: string): Promise<Board> {
  return apiRequest(boardPath(id), BoardSchema, { method: 'PATCH', body: { title } })
}

/** Moves a board to "recently deleted". */
export async function deleteBoard(id: string): Promise<void> {
  await apiRequest(boardPath(id), z.unknown(), { method: 'DELETE' })
}

/** Brings a deleted board back. */
export function restoreBoard(id: string): Promise<Board> {
  return apiRequest(`${boardPath(id)}/restore`, BoardSchema, { method: 'POST' })
}
