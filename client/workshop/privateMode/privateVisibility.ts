import type { ItemAuthor } from '../../../shared/doc/canvasDoc'
import { scopeCovers, type Placement } from '../../../shared/workshop/privatePlacement'
import type { WorkshopState } from '../../../shared/workshop/workshopState'

export type PrivateScope = WorkshopState['privateScopes'][number]
export { scopeCovers, type Placement }

/**
 * Whether private mode hides this sticky or item from `me`: someone else added it, inside a
 * private scope, after that scope went private. Anything without an author predates private
 * mode (or came through the API) and stays visible.
 */
export function isHiddenByPrivateMode(
  author: ItemAuthor | undefined,
  placement: Placement,
  privateScopes: readonly PrivateScope[],
  me: string,
): boolean {
  if (!author || author.by === me) return false
  return privateScopes.some((p) => author.at >= p.since && scopeCovers(p.scope, placement))
}

/** The author recorded in a sticky note's meta, if valid. */
export function noteAuthor(meta: Record<string, unknown> | undefined): ItemAuthor | undefined {
  const by = meta?.createdBy
  const at = meta?.createdAt
  return typeof by === 'string' && typeof at === 'number' && Number.isFinite(at)
    ? { by, at }
    : undefined
}
