import { useMemo } from 'react'
import * as Y from 'yjs'
import { readCanvas, type CanvasMap } from '../../../../shared/doc/canvasDoc'
import { readTracking } from '../../../../shared/canvases/hypothesis/trackingDoc'
import { peekBoxes, peekBoxItems } from '../../canvas/readItems'
import { useYVersion } from '../../canvas/useY'

const asArray = (value: unknown) => (value instanceof Y.Array ? value : undefined)

/**
 * The tracked state and the criteria of a hypothesis, read (and validated) from the document
 * again whenever any part of it changes: a measurement posted by a system arrives as a document
 * change and re-renders this like anyone's edit. Typing in the other boxes does not.
 */
export function useTracking(canvasId: string, canvas: CanvasMap) {
  // Status, time box, decision and links are values of the canvas map itself.
  const own = useYVersion(canvas)
  const measurements = useYVersion(asArray(canvas.get('measurements')))
  const amendments = useYVersion(asArray(canvas.get('amendments')))
  const metrics = useYVersion(asArray(canvas.get('metrics')), true)
  const boxes = useYVersion(peekBoxes(canvas))
  const lessons = useYVersion(peekBoxItems(canvas, 'lessons'), true)
  return useMemo(
    () => ({
      tracking: readTracking(canvas),
      metrics: readCanvas(canvasId, canvas)?.metrics ?? [],
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the versions say when to read again
    [canvasId, canvas, own, measurements, amendments, metrics, boxes, lessons],
  )
}
