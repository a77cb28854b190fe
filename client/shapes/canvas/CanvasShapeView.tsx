import { useEditor, useValue } from 'tldraw'
import * as Y from 'yjs'
import { getCanvasDefinition } from '../../../shared/canvases/registry'
import { CanvasKinds } from '../../../shared/canvases/schema'
import { getBoardCanvases } from '../../../shared/doc/canvasDoc'
import { canvasViews } from '../canvasViews'
import { CanvasFrame } from './CanvasFrame'
import { useCanvasEnvironment } from './CanvasEnvironment'
import { useCanvasWorkshop } from './CanvasWorkshop'
import type { CanvasShape } from '../../../shared/doc/canvasShape'
import { useYRead } from './useY'
import './CanvasShapeView.css'
import { LockBadge } from './LockBadge'

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
  const boardReadOnly = useValue('board read-only', () => editor.getIsReadonly(), [editor])
  // A facilitator's lock (on this canvas or a frame around it) is workshop state, not a shape flag.
  const workshop = useCanvasWorkshop()
  const locked = useValue(
    'canvas locked',
    () => !!workshop && workshop.isLocked(shape, editor.getShapeAncestors(shape.id)),
    [editor, workshop, shape],
  )
  const readOnly = boardReadOnly || locked

  if (!canvas || !CanvasKinds.some((k) => k === kind) || kind !== shape.props.kind) {
    return <div className="canvas-frame canvas-missing">This canvas is no longer on the board.</div>
  }
  const definition = getCanvasDefinition(shape.props.kind)
  const View = canvasViews[shape.props.kind]
  return (
    <>
      <fieldset
        className="canvas-fieldset"
        disabled={readOnly}
        data-locked={locked}
        data-read-only={boardReadOnly || undefined}
      >
        <CanvasFrame canvasId={canvasId} canvas={canvas} definition={definition}>
          <View canvasId={canvasId} canvas={canvas} definition={definition} />
        </CanvasFrame>
      </fieldset>
      {locked && <LockBadge what="canvas" />}
    </>
  )
}
