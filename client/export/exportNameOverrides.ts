import type { TLShapeId, TLUiOverrides } from 'tldraw'
import type * as Y from 'yjs'
import { exportPartOf } from './exportPart'
import { exportBaseName } from './exportFileName'

/** tldraw's image exports, and whether each exports the whole page whatever is selected. */
const ImageExports = [
  ['export-as-svg', 'svg', false],
  ['export-as-png', 'png', false],
  ['export-all-as-svg', 'svg', true],
  ['export-all-as-png', 'png', true],
] as const

/**
 * Names tldraw's own PNG and SVG exports after the board ("Churn model.png", or "Churn model –
 * Interviews.png" for one frame or canvas) instead of "Untitled" or a shape id and a time.
 */
export function exportNameOverrides(
  board: () => { title: string | null; doc: Y.Doc },
): TLUiOverrides {
  return {
    actions(editor, actions, helpers) {
      for (const [id, format, whole] of ImageExports) {
        const action = actions[id]
        if (!action) continue
        actions[id] = {
          ...action,
          onSelect() {
            const selected: TLShapeId[] = whole ? [] : editor.getSelectedShapeIds()
            const ids = selected.length > 0 ? selected : [...editor.getCurrentPageShapeIds()]
            if (ids.length === 0) return
            const { title, doc } = board()
            const part = exportPartOf(editor, doc, selected)
            helpers.exportAs(ids, { format, name: exportBaseName(title, part.title) })
          },
        }
      }
      return actions
    },
  }
}
