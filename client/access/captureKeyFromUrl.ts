import { BoardKeySchema } from '../../shared/api/links'
import { rememberLinkKey } from './boardKeys'

/**
 * Takes a board key from the address (`/b/<id>?key=…`), keeps it, and removes it from the
 * address bar, so a screenshot or a copied address does not hand out the link by accident;
 * the share dialog gives the right link for each role. The role is learnt when the board
 * loads.
 */
export function captureKeyFromUrl(boardId: string): void {
  const url = new URL(window.location.href)
  const key = url.searchParams.get('key')
  if (!key) return
  if (BoardKeySchema.safeParse(key).success) rememberLinkKey(boardId, key)
  url.searchParams.delete('key')
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`)
}
