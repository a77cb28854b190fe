import { useState } from 'react'
import type { Editor } from 'tldraw'
import type * as Y from 'yjs'
import { withBoardKey } from '../access/requestAuth'
import { boardExportUrl } from '../api/canvases'
import { workshopSummaryPath } from '../api/workshop'
import { exportFileName } from '../export/exportFileName'
import { exportPdf } from '../export/exportPdf'
import { useExportStatus } from '../export/exportStatus'
import { ErrorBanner } from '../ui/ErrorBanner'
import { Menu, MenuItem, MenuLinkItem, MenuSeparator } from '../ui/Menu'
import { IngestionTokensDialog } from './IngestionTokens'
import { useMarkdownImport } from './useMarkdownImport'
import { WebhooksDialog } from './Webhooks'
import './BoardMenu.css'

interface BoardMenuProps {
  editor: Editor
  doc: Y.Doc
  boardId: string
  /** The board's title, which downloads are named after; null until known. */
  title: string | null
  /** Whether this person may change the board (import adds canvases). */
  canEdit: boolean
  /** Whether this person manages the board (its ingestion tokens). */
  manages: boolean
  /** Whether this person may manage the board's webhooks (the owner and facilitators). */
  webhooks: boolean
}

/**
 * The board's less frequent actions behind one "More" button, so the header keeps room for the
 * title and the people here: import markdown, download the board as markdown or PDF, the
 * workshop summary, and (for the owner) the ingestion tokens.
 */
export function BoardMenu({
  editor,
  doc,
  boardId,
  title,
  canEdit,
  manages,
  webhooks,
}: BoardMenuProps) {
  const [error, setError] = useState<string | null>(null)
  const [tokensOpen, setTokensOpen] = useState(false)
  const [webhooksOpen, setWebhooksOpen] = useState(false)
  const exporting = useExportStatus((s) => s.preparing !== null)
  const markdownImport = useMarkdownImport(boardId, setError)
  const busy = exporting || markdownImport.busy
  return (
    <div className="board-menu">
      <Menu
        label="More board actions"
        trigger={
          <button
            type="button"
            className="button button-small button-quiet"
            data-testid="board-more"
            aria-busy={busy}
          >
            {markdownImport.busy ? 'Importing…' : exporting ? 'Exporting…' : 'More'}
            <svg viewBox="0 0 12 12" width="10" height="10" aria-hidden="true">
              <path d="M2.5 4.5 6 8l3.5-3.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
            </svg>
          </button>
        }
      >
        {canEdit && (
          <MenuItem
            testId="import-markdown"
            disabled={markdownImport.busy}
            onSelect={markdownImport.pick}
          >
            Import markdown…
          </MenuItem>
        )}
        <MenuLinkItem
          href={boardExportUrl(boardId)}
          download={exportFileName(title, 'md')}
          testId="download-board"
          title="The whole board as markdown, to paste into docs, wikis and pull requests"
        >
          Export as markdown
        </MenuLinkItem>
        <MenuItem
          testId="export-board-pdf"
          disabled={exporting}
          onSelect={() => void exportPdf({ editor, doc, boardTitle: title })}
        >
          Export as PDF
        </MenuItem>
        <MenuLinkItem
          href={withBoardKey(workshopSummaryPath(boardId), boardId)}
          download={exportFileName(title, 'md', 'Workshop summary')}
          testId="workshop-summary"
          title="Participants, vote results, decisions and every canvas, as markdown"
        >
          Workshop summary
        </MenuLinkItem>
        {(manages || webhooks) && <MenuSeparator />}
        {manages && (
          <MenuItem testId="ingestion-tokens" onSelect={() => setTokensOpen(true)}>
            Ingestion tokens…
          </MenuItem>
        )}
        {webhooks && (
          <MenuItem testId="webhooks" onSelect={() => setWebhooksOpen(true)}>
            Webhooks…
          </MenuItem>
        )}
      </Menu>
      {markdownImport.input}
      {manages && (
        <IngestionTokensDialog
          boardId={boardId}
          open={tokensOpen}
          onClose={() => setTokensOpen(false)}
        />
      )}
      {webhooks && (
        <WebhooksDialog
          boardId={boardId}
          open={webhooksOpen}
          onClose={() => setWebhooksOpen(false)}
        />
      )}
      {error && (
        <div className="board-menu-error">
          <ErrorBanner message={error} onDismiss={() => setError(null)} />
        </div>
      )}
    </div>
  )
}
