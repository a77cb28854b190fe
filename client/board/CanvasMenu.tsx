import { useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { boardExportUrl } from '../api/canvases'
import { ErrorBanner } from '../ui/ErrorBanner'
import { ImportMarkdownButton } from './ImportMarkdownButton'
import { TemplatePicker } from './TemplatePicker'
import './CanvasMenu.css'

interface CanvasMenuProps {
  editor: Editor
  doc: Y.Doc
  boardId: string
}

/** The board's canvas actions: insert a template, import markdown, download the board. */
export function CanvasMenu({ editor, doc, boardId }: CanvasMenuProps) {
  const [error, setError] = useState<string | null>(null)
  return (
    <div className="canvas-menu">
      <TemplatePicker editor={editor} doc={doc} />
      <ImportMarkdownButton boardId={boardId} onError={setError} />
      <a
        className="button button-small button-quiet"
        href={boardExportUrl(boardId)}
        download="board.md"
        data-testid="download-board"
        title="Download the whole board as markdown, to paste into docs, wikis and pull requests"
      >
        Export .md
      </a>
      {error && (
        <div className="canvas-menu-error">
          <ErrorBanner message={error} onDismiss={() => setError(null)} />
        </div>
      )}
    </div>
  )
}
