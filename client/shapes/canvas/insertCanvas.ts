import { Box, type Editor } from 'tldraw'
import type * as Y from 'yjs'
import { getCanvasDefinition } from '../../../shared/canvases/registry'
import type { CanvasContent, CanvasKind } from '../../../shared/canvases/schema'
import { emptyCanvas, writeCanvas } from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'
import { CanvasShapeType, canvasShapeId } from '../../../shared/doc/canvasShape'

/**
 * Places a canvas's content and its shape on the board in one Yjs transaction, so nobody ever
 * sees the canvas without its shape (and places one of their own for it) or the other way round.
 */
export function placeCanvas(
  editor: Editor,
  doc: Y.Doc,
  content: CanvasContent,
  at: { x: number; y: number },
  size = getCanvasDefinition(content.kind).defaultSize,
): void {
  doc.transact(() => {
    // The canvas first: the shape's arrival is checked against it as soon as the store flushes.
    writeCanvas(doc, content)
    editor.createShape({
      id: canvasShapeId(content.id),
      type: CanvasShapeType,
      x: at.x,
      y: at.y,
      props: { canvasId: content.id, kind: content.kind, w: size.w, h: size.h },
    })
    // The store hands its changes to the Y.Doc once a frame; flush them into this transaction.
    editor.store._flushHistory()
  }, LocalOrigin)
}

/** Inserts a new canvas of a kind in the middle of the view, selects it and brings it into view. */
export function insertCanvas(editor: Editor, doc: Y.Doc, kind: CanvasKind): string {
  const content = emptyCanvas(kind)
  const { w, h } = getCanvasDefinition(kind).defaultSize
  const center = editor.getViewportPageBounds().center
  const at = freeSpot(editor, { x: center.x - w / 2, y: center.y - h / 2, w, h })
  placeCanvas(editor, doc, content, at)
  // Bring the new canvas into view, fitted, without leaving it selected (typing comes next).
  editor.select(canvasShapeId(content.id))
  editor.zoomToSelection({ animation: { duration: 200 } })
  editor.selectNone()
  return content.id
}

/** The first place right of `wanted` where a canvas of its size covers no other shape. */
function freeSpot(editor: Editor, wanted: { x: number; y: number; w: number; h: number }) {
  const others = [...editor.getCurrentPageShapeIds()]
    .map((id) => editor.getShapePageBounds(id))
    .filter((bounds): bounds is Box => bounds !== undefined)
  const spot = new Box(wanted.x, wanted.y, wanted.w, wanted.h)
  for (let tries = 0; tries < 100; tries++) {
    const hit = others.find((bounds) => bounds.collides(spot))
    if (!hit) break
    spot.x = hit.maxX + Gap
  }
  return { x: spot.x, y: spot.y }
}

const Gap = 80
