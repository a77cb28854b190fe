import { BoardKeysHeader } from '../../shared/api/links'
import { allBoardKeys, boardKeyOf } from './boardKeys'

const BoardPath = /^\/api\/boards\/([A-Za-z0-9_-]{22})(?=[/?#]|$)/

/**
 * The credentials a REST call carries: the board's key for a board route, every key for the
 * tracker (which covers the boards this browser holds links to). On an open instance the
 * server needs none of them and ignores them.
 */
export function authHeaders(path: string): Record<string, string> {
  const boardId = BoardPath.exec(path)?.[1]
  if (boardId) {
    const key = boardKeyOf(boardId)
    return key ? { Authorization: `Bearer ${key}` } : {}
  }
  if (path.startsWith('/api/hypotheses')) {
    const keys = allBoardKeys()
    return keys.length > 0 ? { [BoardKeysHeader]: keys.join(' ') } : {}
  }
  return {}
}

/** A plain link (download) to a board route, with the board's key in its query. */
export function withBoardKey(path: string, boardId: string): string {
  const key = boardKeyOf(boardId)
  if (!key) return path
  return `${path}${path.includes('?') ? '&' : '?'}key=${encodeURIComponent(key)}`
}
