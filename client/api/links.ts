import { BoardLinksResponseSchema, type BoardLink, type LinkRole } from '../../shared/api/links'
import { answer, api, withKey } from './client'

const links = api.boards[':boardId'].links

/** The board's three share links (owner only). */
export async function getLinks(boardId: string, signal?: AbortSignal): Promise<BoardLink[]> {
  const call = links.$get({ param: { boardId } }, withKey(boardId, { signal }))
  return (await answer(call, BoardLinksResponseSchema)).links
}

/** Gives a link a new key; the old one stops working at once. */
export async function rotateLink(boardId: string, role: LinkRole): Promise<BoardLink[]> {
  const call = links[':role'].rotate.$post({ param: { boardId, role } }, withKey(boardId))
  return (await answer(call, BoardLinksResponseSchema)).links
}

/** Turns a link off (closing the sessions opened with it) or back on. */
export async function setLinkEnabled(
  boardId: string,
  role: LinkRole,
  enabled: boolean,
): Promise<BoardLink[]> {
  const call = links[':role'].$patch(
    { param: { boardId, role }, json: { enabled } },
    withKey(boardId),
  )
  return (await answer(call, BoardLinksResponseSchema)).links
}
