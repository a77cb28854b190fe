import { useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { boardExportUrl } from '../api/canvases'
import { exportFileName } from '../export/exportFileName'
import { exportPdf } from '../export/exportPdf'
import { useExportStatus } from '../export/exportStatus'
import { ErrorBanner } from '../ui/ErrorBanner'
import { ImportMarkdownButton } from './ImportMarkdownButton'
import { TemplatePicker } from './TemplatePicker'
import './CanvasMenu.css'

interface CanvasMenuProps {
  editor: Editor
  doc: Y.Doc
  boardId: string
  /** The board's title, which downloads are named after; null until known. */
  title: string | null
}

/** The board's canvas actions: insert a template, import markdown, download the board. */
export function CanvasMenu({ editor, doc, boardId, title }: CanvasMenuProps) {
  const [error, setError] = useState<string | null>(null)
  const exporting = useExportStatus((s) => s.preparing !== null)
  return (
    <div className="canvas-menu">
      <TemplatePicker editor={editor} doc={doc} />
      <ImportMarkdownButton boardId={boardId} onError={setError} />
      <a
        className="button button-small button-quiet"
        href={boardExportUrl(boardId)}
        download={exportFileName(title, 'md')}
        data-testid="download-board"
        title="Download the whole board as markdown, to paste into docs, wikis and pull requests"
      >
        Export .md
      </a>
      <button
        type="button"
        className="button button-small button-quiet"
        data-testid="export-board-pdf"
        title="Download the whole board as a PDF, with its text and images as on the board"
        disabled={exporting}
        aria-busy={exporting}
        onClick={() => void exportPdf({ editor, doc, boardTitle: title })}
      >
        Export PDF
      </button>
      {error && (
        <div className="canvas-menu-error">
          <ErrorBanner message={error} onDismiss={() => setError(null)} />
        </div>
      )}
    </div>
  )
}
