import type { Atom, Editor, TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { readAllCanvases } from '../../../shared/doc/canvasDoc'
import { CanvasShapeType } from '../../../shared/doc/canvasShape'

/** How long an item a result pointed at stays lit up. */
const HighlightMs = 2500

/**
 * Brings a voted item into view: a sticky by its shape, a canvas item by its canvas, which it
 * then lights up for a moment.
 */
export function zoomToItem(
  editor: Editor,
  doc: Y.Doc,
  itemId: string,
  highlight: Atom<string | null> & { set(value: string | null): void },
): void {
  let shapeId: TLShapeId | undefined
  if (itemId.startsWith('shape:')) {
    shapeId = itemId as TLShapeId
  } else {
    const canvas = readAllCanvases(doc).find((c) =>
      Object.values(c.boxes).some((items) => items.some((i) => i.id === itemId)),
    )
    shapeId = editor
      .getCurrentPageShapes()
      .find(
        (s) =>
          s.type === CanvasShapeType && (s.props as { canvasId?: unknown }).canvasId === canvas?.id,
      )?.id
  }
  const bounds = shapeId && editor.getShapePageBounds(shapeId)
  if (!bounds) return
  editor.zoomToBounds(bounds, { inset: 80, targetZoom: 1, animation: { duration: 300 } })
  highlight.set(itemId)
  setTimeout(() => {
    if (highlight.get() === itemId) highlight.set(null)
  }, HighlightMs)
}
