import type { Editor, TLShapeId } from 'tldraw'
import type * as Y from 'yjs'
import { downloadBlob } from './downloadBlob'
import { exportPartOf } from './exportPart'
import { exportBaseName, exportFileName } from './exportFileName'
import { useExportStatus } from './exportStatus'

/** What to export as PDF, and what to name it after. */
export interface PdfExportRequest {
  editor: Editor
  doc: Y.Doc
  boardTitle: string | null
  /** The shapes to export (one frame, one canvas, a selection); the whole board when empty. */
  ids?: readonly TLShapeId[]
}

/** White space around the drawing in the SVG, in board units, before the page's own margin. */
const Padding = 16

/**
 * Exports the board, a frame, a canvas or a selection as a vector PDF named after the board,
 * saying "Preparing PDF…" while it runs and why if it fails. The PDF code loads only now.
 */
export async function exportPdf({ editor, doc, boardTitle, ids = [] }: PdfExportRequest) {
  const status = useExportStatus.getState()
  const part = exportPartOf(editor, doc, ids)
  const shapeIds = ids.length > 0 ? [...ids] : [...editor.getCurrentPageShapeIds()]
  if (shapeIds.length === 0) {
    status.fail('The board is empty: add something to it before exporting a PDF.')
    return
  }
  if (
    !status.start(part.what === 'board' ? 'Preparing PDF…' : `Preparing PDF of the ${part.what}…`)
  ) {
    return
  }
  try {
    // Let the status show before the work that holds the page.
    await new Promise((resolve) => requestAnimationFrame(resolve))
    const [exported, module] = await Promise.all([
      editor.getSvgElement(shapeIds, { background: true, padding: Padding }),
      import('./pdfFromSvg').catch(() => {
        throw new ExportFailure(
          'The PDF export could not be loaded. Check your connection, reload the page and try again.',
        )
      }),
    ])
    if (!exported) throw new ExportFailure('There is nothing to export here.')
    const title = exportBaseName(boardTitle, part.title)
    const blob = await module.pdfFromSvg(exported, {
      title,
      subject:
        part.what === 'board'
          ? 'Board'
          : `${capitalised(part.what)} of ${exportBaseName(boardTitle)}`,
    })
    downloadBlob(blob, exportFileName(boardTitle, 'pdf', part.title))
    useExportStatus.getState().finish()
  } catch (error) {
    console.error('PDF export failed', error)
    useExportStatus
      .getState()
      .fail(
        error instanceof ExportFailure
          ? error.message
          : 'The PDF could not be made. Try again, or export one frame or canvas at a time.',
      )
  }
}

/** A failure with a message for the person exporting. */
class ExportFailure extends Error {}

const capitalised = (word: string) => word.charAt(0).toUpperCase() + word.slice(1)
