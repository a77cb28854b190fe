import { useState } from 'react'
import { RoleAbilities } from '../../shared/api/links'
import type { BoardWithRole } from '../api/boards'
import { Link } from '../app/router'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import { BoardTitleEditor } from './BoardTitleEditor'
import { boardTint } from './boardTint'
import './BoardCard.css'

interface BoardCardProps {
  board: BoardWithRole
  /** The time relative dates are shown against. */
  now: number
  /** Resolves true when the rename was saved. */
  onRename: (title: string) => Promise<boolean>
  onDelete: () => void
}

/**
 * One board in the list: opens on click, renames inline, deletes after confirmation. It offers
 * only what this browser's role may do: renaming to editors, deleting to the owner.
 */
export function BoardCard({ board, now, onRename, onDelete }: BoardCardProps) {
  const [renaming, setRenaming] = useState(false)
  const canRename = board.role !== undefined && RoleAbilities.edit(board.role)
  const canDelete = board.role !== undefined && RoleAbilities.manage(board.role)
  const href = `/b/${encodeURIComponent(board.id)}`

  return (
    <li className="card board-card" data-testid="board-item" data-board-id={board.id}>
      <Link
        to={href}
        className="board-card-preview"
        style={{ backgroundColor: boardTint(board.id) }}
        tabIndex={-1}
        aria-hidden="true"
      >
        <span className="board-card-initial">{firstLetter(board.title)}</span>
      </Link>
      <div className="board-card-body">
        {renaming ? (
          <BoardTitleEditor
            initialTitle={board.title}
            onSave={async (title) => {
              const saved = await onRename(title)
              if (saved) setRenaming(false)
              return saved
            }}
            onCancel={() => setRenaming(false)}
          />
        ) : (
          <Link to={href} className="board-card-title" data-testid="board-item-title">
            {board.title}
          </Link>
        )}
        <p className="board-card-meta" title={absoluteTime(board.updatedAt)}>
          Edited {relativeTime(board.updatedAt, now)}
        </p>
      </div>
      {!renaming && (canRename || canDelete) && (
        <div className="board-card-actions">
          {canRename && (
            <button
              type="button"
              className="icon-button"
              onClick={() => setRenaming(true)}
              aria-label={`Rename ${board.title}`}
              title="Rename"
              data-testid="board-item-rename"
            >
              <PencilIcon />
            </button>
          )}
          {canDelete && (
            <button
              type="button"
              className="icon-button icon-button-danger"
              onClick={onDelete}
              aria-label={`Delete ${board.title}`}
              title="Delete"
              data-testid="board-item-delete"
            >
              <TrashIcon />
            </button>
          )}
        </div>
      )}
    </li>
  )
}

/** The title's first character (a whole emoji or accented letter), for the card's badge. */
function firstLetter(title: string): string {
  return [...title.trim()][0]?.toUpperCase() ?? 'B'
}

function PencilIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
      <path
        d="M13.6 3.4a2 2 0 0 1 2.8 2.8l-8.8 8.8-3.6.8.8-3.6 8.8-8.8Z"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinejoin="round"
      />
    </svg>
  )
}

function TrashIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden="true">
      <path
        d="M4 6h12M8 6V4.5h4V6m-6 0 .7 9.5h6.6L14 6"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  )
}
