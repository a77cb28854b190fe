import { Box, type Editor, type TLShapeId } from 'tldraw'
import { canvasShapeId } from '../../../shared/doc/canvasShape'
import type { DiffPart, ShapeDiff, ShapeSide } from '../../../shared/history/boardDiff'
import { ghostOf } from './ghostBounds'

const Animation = { animation: { duration: 220 } }
/** The panel's width (diff.css): what the camera centres on goes to the middle of the rest. */
const PanelWidth = 360

/** Fits the camera to a box, then centres it in the part of the board the panel leaves. */
function showBesidePanel(editor: Editor, box: Box, inset: number, targetZoom?: number) {
  editor.zoomToBounds(box, { inset, targetZoom })
  centreBesidePanel(editor, box.center)
}

function centreBesidePanel(editor: Editor, point: { x: number; y: number }) {
  const zoom = editor.getZoomLevel()
  editor.centerOnPoint({ x: point.x + PanelWidth / 2 / zoom, y: point.y }, Animation)
}

/** The element a canvas view draws a marked part as (every marked part names itself). */
function partElement(editor: Editor, canvasId: string, part: DiffPart): Element | null {
  const shape = editor
    .getContainer()
    .querySelector(`.tl-shape[data-shape-id="${CSS.escape(canvasShapeId(canvasId))}"]`)
  if (!shape) return null
  const id =
    part.kind === 'item' || part.kind === 'entry'
      ? part.id
      : part.kind === 'title'
        ? 'title'
        : part.kind === 'field'
          ? `field:${part.key}`
          : `value:${part.key}`
  return shape.querySelector(`[data-diff-id="${CSS.escape(id)}"]`)
}

/**
 * Takes the camera to a part of a canvas: first to the canvas, then, once the canvas is drawn
 * (a canvas out of view is not), to the part itself.
 */
export function focusCanvasPart(editor: Editor, canvasId: string, part: DiffPart | null) {
  const bounds = editor.getShapePageBounds(canvasShapeId(canvasId))
  if (!bounds) return
  showBesidePanel(editor, bounds, 200)
  if (!part) return
  const settle = () => {
    const element = partElement(editor, canvasId, part)
    if (!element) return
    const rect = element.getBoundingClientRect()
    const centre = editor.screenToPage({ x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 })
    centreBesidePanel(editor, centre)
    element.classList.add('diff-flash')
    setTimeout(() => element.classList.remove('diff-flash'), 1200)
  }
  // After the zoom's animation, when the canvas and its parts are where they will stay.
  setTimeout(() => requestAnimationFrame(settle), 260)
}

/** Takes the camera to a drawn shape, or to where it was when it was removed. */
export function focusShape(editor: Editor, shape: ShapeDiff) {
  const live = editor.getShapePageBounds(shape.id as TLShapeId)
  const was = shape.before ? ghostOf(shape.before as ShapeSide) : null
  const target =
    shape.change === 'moved' && live && was
      ? Box.Common([live, new Box(was.x, was.y, live.w, live.h)])
      : (live ?? (was ? new Box(was.x, was.y, was.w, was.h) : null))
  if (!target) return
  editor.zoomToBounds(target, {
    inset: 160,
    targetZoom: Math.min(1, editor.getZoomLevel() * 2),
    ...Animation,
  })
}
