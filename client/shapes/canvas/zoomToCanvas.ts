import type { Editor } from 'tldraw'
import { canvasShapeId } from '../../../shared/doc/canvasShape'

/** Brings another canvas of the board into view, fitted, as following a link should. */
export function zoomToCanvas(editor: Editor, canvasId: string): boolean {
  const bounds = editor.getShapePageBounds(canvasShapeId(canvasId))
  if (!bounds) return false
  editor.zoomToBounds(bounds, { inset: 48, animation: { duration: 320 } })
  return true
}
