import type { Editor, TLShape } from 'tldraw'
import { isCanvasShape } from '../../../shared/doc/canvasShape'

/** The frame a canvas sits in on the board, if any. */
export function frameOfCanvas(editor: Editor, canvasId: string): string | undefined {
  const shape = editor
    .getCurrentPageShapes()
    .find((s) => isCanvasShape(s) && s.props.canvasId === canvasId)
  const parent = shape && editor.getShape(shape.parentId as TLShape['id'])
  return parent?.type === 'frame' ? parent.id : undefined
}
