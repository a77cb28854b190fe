import { TldrawUiMenuGroup, TldrawUiMenuItem, useEditor, useValue } from 'tldraw'
import { useBoardExport } from './BoardExportContext'
import { exportPdf } from './exportPdf'
import { exportPartOf } from './exportPart'

/**
 * "Export … as PDF" in the board's context menu: the one frame or canvas selected, the
 * selection, or the whole board when nothing is selected. Viewers may export too.
 */
export function ExportPdfMenuItems() {
  const editor = useEditor()
  const board = useBoardExport()
  const ids = useValue('selected shapes', () => editor.getSelectedShapeIds(), [editor])
  const what = useValue(
    'what a PDF export holds',
    () => (board ? exportPartOf(editor, board.doc, editor.getSelectedShapeIds()).what : 'board'),
    [editor, board],
  )
  if (!board) return null
  return (
    <TldrawUiMenuGroup id="export-pdf">
      <TldrawUiMenuItem
        id="export-pdf"
        label={`Export ${what} as PDF`}
        readonlyOk
        onSelect={() =>
          void exportPdf({ editor, doc: board.doc, boardTitle: board.boardTitle, ids })
        }
      />
    </TldrawUiMenuGroup>
  )
}
