import * as Y from 'yjs'
import { criteriaLocked } from '../../../../shared/canvases/hypothesis/tracking'
import { getBoardCanvases } from '../../../../shared/doc/canvasDoc'
import { readStatus } from '../../../../shared/canvases/hypothesis/trackingDoc'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { useYRead } from '../../canvas/useY'

/**
 * Whether a hypothesis's criteria are locked (it has started), read live from the document, so
 * the metric inputs turn read-only on every screen the moment someone starts it.
 */
export function useCriteriaLock(canvasId: string): boolean {
  const { doc } = useCanvasEnvironment()
  const canvases = getBoardCanvases(doc)
  const canvas = useYRead(canvases, () => canvases.get(canvasId))
  const map = canvas instanceof Y.Map ? canvas : undefined
  return useYRead(map, () => (map ? criteriaLocked(readStatus(map)) : false))
}
