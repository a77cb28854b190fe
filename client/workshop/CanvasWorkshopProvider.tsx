import { useMemo, type ReactNode } from 'react'
import { CanvasWorkshopContext, type CanvasWorkshop } from '../shapes/canvas/CanvasWorkshop'
import { hiddenItemIds } from './privateMode/itemPrivacy'
import { scopeCovers } from './privateMode/privateVisibility'
import { ItemVote } from './voting/ItemVote'
import { useWorkshopView } from './voting/WorkshopView'
import { isShapeLocked } from '../../shared/workshop/scopes'

const noneHidden: ReadonlySet<string> = new Set()

/**
 * Gives the canvases inside it what they need of the workshop (client/shapes/canvas/
 * CanvasWorkshop.ts), from the workshop view around it.
 */
export function CanvasWorkshopProvider({ children }: { children: ReactNode }) {
  const view = useWorkshopView()
  const value = useMemo<CanvasWorkshop | null>(() => {
    if (!view) return null
    const locks = view.state?.locks ?? []
    const privateScopes = view.state?.privateScopes ?? []
    return {
      isLocked: (shape, ancestors) => isShapeLocked(locks, shape, ancestors),
      privateInFrames: privateScopes.some((p) => p.scope.kind === 'frame'),
      hiddenItemIds: (items, where) =>
        privateScopes.length === 0
          ? noneHidden
          : hiddenItemIds(items, where, privateScopes, view.me),
      isPrivate: (where) =>
        privateScopes.some((p) =>
          scopeCovers(p.scope, { canvasId: where.canvasId, frameId: where.frameId }),
        ),
      author: view.author,
      highlight: view.highlight,
      ItemVote,
    }
  }, [view])
  return <CanvasWorkshopContext.Provider value={value}>{children}</CanvasWorkshopContext.Provider>
}
