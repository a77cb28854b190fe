import { z } from 'zod'
import { BoardSchema, type Board } from '../../shared/api/boards'
import { apiRequest } from './client'

const BoardListSchema = z.object({ boards: z.array(BoardSchema) })

const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`

/** Boards that are not deleted, most recently edited first. */
export async function listBoards(signal?: AbortSignal): Promise<Board[]> {
  return (await apiRequest('/api/boards', BoardListSchema, { signal })).boards
}

/** Boards deleted within the restore window. */
export async function listDeletedBoards(signal?: AbortSignal): Promise<Board[]> {
  return (await apiRequest('/api/boards?deleted=true', BoardListSchema, { signal })).boards
}

/** Creates a board; an omitted title gets the server's default. */
export function createBoard(title?: string): Promise<Board> {
  return apiRequest('/api/boards', BoardSchema, { method: 'POST', body: title ? { title } : {} })
}

/** Reads one board's metadata. */
export function getBoard(id: string, signal?: AbortSignal): Promise<Board> {
  return apiRequest(boardPath(id), BoardSchema, { signal })
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
