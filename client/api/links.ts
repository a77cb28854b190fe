import { BoardLinksResponseSchema, type BoardLink, type LinkRole } from '../../shared/api/links'
import { apiRequest } from './client'

const linksPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/links`

/** The board's three share links (owner only). */
export async function getLinks(boardId: string, signal?: AbortSignal): Promise<BoardLink[]> {
  return (await apiRequest(linksPath(boardId), BoardLinksResponseSchema, { signal })).links
}

/** Gives a link a new key; the old one stops working at once. */
export async function rotateLink(boardId: string, role: LinkRole): Promise<BoardLink[]> {
  const path = `${linksPath(boardId)}/${role}/rotate`
  return (await apiRequest(path, BoardLinksResponseSchema, { method: 'POST' })).links
}

/** Turns a link off (closing the sessions opened with it) or back on. */
export async function setLinkEnabled(
  boardId: string,
  role: LinkRole,
  enabled: boolean,
): Promise<BoardLink[]> {
  const path = `${linksPath(boardId)}/${role}`
  return (await apiRequest(path, BoardLinksResponseSchema, { method: 'PATCH', body: { enabled } }))
    .links
}
