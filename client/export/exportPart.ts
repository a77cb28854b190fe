import type { Editor, TLShapeId } from 'tldraw'
import * as Y from 'yjs'
import { getCanvasDefinition } from '../../shared/canvases/registry'
import { getBoardCanvases, getCanvasTitleText } from '../../shared/doc/canvasMap'
import { isCanvasShape } from '../../shared/doc/canvasShape'

/** What an export holds, in words for its name and its menu item. */
export interface ExportPart {
  /** "frame", "canvas", "selection", or "board" for all of it. */
  what: 'board' | 'frame' | 'canvas' | 'selection'
  /** The part's own title, after the board's in the file name; none for the whole board. */
  title: string | null
}

/** Names what `ids` are: the board (none given), one frame, one canvas, or a selection. */
export function exportPartOf(editor: Editor, doc: Y.Doc, ids: readonly TLShapeId[]): ExportPart {
  if (ids.length === 0) return { what: 'board', title: null }
  const shape = ids.length === 1 ? editor.getShape(ids[0]!) : undefined
  if (shape && editor.isShapeOfType(shape, 'frame')) {
    return { what: 'frame', title: shape.props.name.trim() || 'Frame' }
  }
  if (isCanvasShape(shape)) {
    const map = getBoardCanvases(doc).get(shape.props.canvasId)
    const title = map instanceof Y.Map ? getCanvasTitleText(map).toString().trim() : ''
    return { what: 'canvas', title: title || getCanvasDefinition(shape.props.kind).label }
  }
  return { what: 'selection', title: 'Selection' }
}
