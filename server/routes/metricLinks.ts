import type * as Y from 'yjs'
import type { CanvasContent } from '../../shared/canvases/schema.js'
import { getBoardCanvases, readCanvas } from '../../shared/doc/canvasDoc.js'
import { ApiError } from '../http/errors.js'

/**
 * Refuses (400) a change that links an item to a metric no canvas of this board has: a link
 * names a canvas of the same board and one of its metric keys. Links kept as they were are not
 * checked again (the metric may have been renamed since; the item says so).
 */
export function checkMetricLinks(doc: Y.Doc, before: CanvasContent, patch: CanvasContent) {
  const canvases = getBoardCanvases(doc)
  for (const [box, items] of Object.entries(patch.boxes)) {
    const previous = new Map((before.boxes[box] ?? []).map((i) => [i.id, i.metric]))
    for (const item of items) {
      const link = item.metric
      const was = previous.get(item.id)
      if (!link || (was?.canvasId === link.canvasId && was.metricKey === link.metricKey)) continue
      const map = canvases.get(link.canvasId)
      const target = map ? readCanvas(link.canvasId, map) : undefined
      if (!target?.metrics?.some((m) => m.key === link.metricKey)) {
        throw new ApiError(
          'invalid_body',
          target
            ? `item "${item.id}" links to metric "${link.metricKey}", which canvas ${link.canvasId} does not have`
            : `item "${item.id}" links to canvas ${link.canvasId}, which is not on this board`,
        )
      }
    }
  }
}

/** Imported canvases whose metric links follow the canvases the import gave new ids. */
export function relinkMetrics<C extends CanvasContent>(
  canvases: C[],
  renamed: ReadonlyMap<string, string>,
): C[] {
  if (renamed.size === 0) return canvases
  return canvases.map((canvas) => ({
    ...canvas,
    boxes: Object.fromEntries(
      Object.entries(canvas.boxes).map(([key, items]) => [
        key,
        items.map((item) => {
          const to = item.metric && renamed.get(item.metric.canvasId)
          return to ? { ...item, metric: { ...item.metric!, canvasId: to } } : item
        }),
      ]),
    ),
  }))
}
