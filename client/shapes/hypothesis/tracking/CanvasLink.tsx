import { useEditor } from 'tldraw'
import * as Y from 'yjs'
import { getBoardCanvases } from '../../../../shared/doc/canvasDoc'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { useYRead, useYVersion } from '../../canvas/useY'
import { ViewAction } from './ViewAction'
import { zoomToCanvas } from '../../canvas/zoomToCanvas'
import './CanvasLink.css'

/** A link to the hypothesis this one pivoted from or to; following it zooms the board there. */
export function CanvasLink({
  canvasId,
  relation,
}: {
  canvasId: string
  relation: 'predecessor' | 'successor'
}) {
  const editor = useEditor()
  const { doc } = useCanvasEnvironment()
  const canvases = getBoardCanvases(doc)
  const target = useYRead(canvases, () => canvases.get(canvasId))
  useYVersion(target instanceof Y.Map ? target : undefined)
  const titleText = target instanceof Y.Map ? target.get('title') : undefined
  const text = titleText instanceof Y.Text ? titleText : undefined
  const title = useYRead(text, () => (text ? text.toString() : null))
  const words = relation === 'predecessor' ? 'Pivoted from' : 'Pivoted to'
  if (title === null) {
    return (
      <span className="tracking-link is-gone">{words} a hypothesis no longer on the board</span>
    )
  }
  return (
    <ViewAction
      className="tracking-link"
      data-testid={`${relation}-link`}
      data-target-canvas={canvasId}
      title={`Show “${title}” on the board`}
      onAct={() => zoomToCanvas(editor, canvasId)}
    >
      <span aria-hidden="true">{relation === 'predecessor' ? '↩' : '↪'}</span> {words}{' '}
      <strong>{title || 'Untitled hypothesis'}</strong>
    </ViewAction>
  )
}
