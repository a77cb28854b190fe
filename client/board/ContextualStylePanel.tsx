import { DefaultStylePanel, useEditor, useValue, type TLUiStylePanelProps } from 'tldraw'
import { CanvasShapeType } from '../../shared/doc/canvasShape'

/**
 * tldraw's style panel, only while it has something to style: a drawing tool is picked, or a
 * drawing, sticky or shape is selected. With nothing selected, or a canvas, it would only cover
 * the canvas's buttons and figures at the right of the board.
 */
export function ContextualStylePanel(props: TLUiStylePanelProps) {
  const editor = useEditor()
  const wanted = useValue(
    'style panel wanted',
    () => {
      if (editor.root.getCurrent()?.shapeType) return true
      if (!editor.isIn('select')) return false
      return editor.getSelectedShapes().some((shape) => shape.type !== CanvasShapeType)
    },
    [editor],
  )
  return wanted ? <DefaultStylePanel {...props} /> : null
}
