import { useEditor, useValue, type TLShapeId } from 'tldraw'
import { LockBadge } from '../shapes/canvas/LockBadge'
import { useWorkshopView } from './voting/WorkshopView'

/**
 * Marks every locked frame on the page the way a locked canvas is marked: a "Locked" pill inside
 * its top left corner, the same size at any zoom. Drawn in front of the canvas (a frame's fill
 * would hide it), placed where the frame is on screen, so it moves with the frame and camera.
 */
export function LockedFrameMarks() {
  const editor = useEditor()
  const locks = useWorkshopView()?.state?.locks
  const marks = useValue(
    'locked frame marks',
    () => {
      return (locks ?? []).flatMap((scope) => {
        if (scope.kind !== 'frame') return []
        const id = scope.shapeId as TLShapeId
        const shape = editor.getShape(id)
        const bounds = shape && editor.getShapePageBounds(id)
        if (!bounds || editor.getAncestorPageId(shape) !== editor.getCurrentPageId()) return []
        const at = editor.pageToViewport({ x: bounds.x, y: bounds.y })
        return [{ id, x: at.x, y: at.y }]
      })
    },
    [editor, locks],
  )
  return marks.map((m) => (
    <div
      key={m.id}
      className="frame-lock-mark"
      data-frame={m.id}
      style={{ transform: `translate(${m.x}px, ${m.y}px)` }}
    >
      <LockBadge what="frame" />
    </div>
  ))
}
