import { BoardKeysHeader } from '../../shared/api/links'
import { allBoardKeys, boardKeyOf } from './boardKeys'

/**
 * The credentials of a call to one board's routes: the key this browser holds for it. On an
 * open instance the server needs none and ignores it.
 */
export function boardAuthHeaders(boardId: string): Record<string, string> {
  const key = boardKeyOf(boardId)
  return key ? { Authorization: `Bearer ${key}` } : {}
}

/** The tracker's credentials: every board key this browser holds (it covers those boards). */
export function boardKeysHeaders(): { [BoardKeysHeader]?: string } {
  const keys = allBoardKeys()
  return keys.length > 0 ? { [BoardKeysHeader]: keys.join(' ') } : {}
}

/** A plain link (download) to a board route, with the board's key in its query. */
export function withBoardKey(path: string, boardId: string): string {
  const key = boardKeyOf(boardId)
  if (!key) return path
  return `${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`
}
