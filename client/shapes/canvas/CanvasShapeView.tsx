import { useEditor, useValue } from 'tldraw'
import * as Y from 'yjs'
import { getCanvasDefinition } from '../../../shared/canvases/registry'
import { CanvasKinds } from '../../../shared/canvases/schema'
import { getBoardCanvases } from '../../../shared/doc/canvasDoc'
import { canvasViews } from '../canvasViews'
import { CanvasFrame } from './CanvasFrame'
import { useCanvasEnvironment } from './CanvasEnvironment'
import type { CanvasShape } from './canvasShape'
import { useYRead } from './useY'

/** The content of a canvas shape: its canvas from the Y.Doc, drawn by its kind's view. */
export function CanvasShapeView({ shape }: { shape: CanvasShape }) {
  const { doc } = useCanvasEnvironment()
  const canvases = getBoardCanvases(doc)
  const { canvasId } = shape.props
  const canvas = useYRead(canvases, () => {
    const map = canvases.get(canvasId)
    return map instanceof Y.Map ? map : undefined
  })
  const kind = useYRead(canvas, () => canvas?.get('kind'))
  const editor = useEditor()
  // Viewers and commenters get a read-only editor: the server would drop their changes, so
  // every field and button of the canvas is disabled rather than pretending to work.
  const readOnly = useValue('board read-only', () => editor.getIsReadonly(), [editor])

  if (!canvas || !CanvasKinds.some((k) => k === kind) || kind !== shape.props.kind) {
    return <div className="canvas-frame canvas-missing">This canvas is no longer on the board.</div>
  }
  const definition = getCanvasDefinition(shape.props.kind)
  const View = canvasViews[shape.props.kind]
  return (
    <fieldset className="canvas-fieldset" disabled={readOnly}>
      <CanvasFrame canvasId={canvasId} canvas={canvas} definition={definition}>
        <View canvasId={canvasId} canvas={canvas} definition={definition} />
      </CanvasFrame>
    </fieldset>
  )
}
