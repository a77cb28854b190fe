import { useState } from 'react'
import { renameBoard } from '../api/boards'
import { ApiError } from '../api/client'
import { BoardTitleEditor } from '../boards/BoardTitleEditor'

interface BoardTitleProps {
  boardId: string
  title: string | null
  /** Whether this person may rename the board (editors and the owner). */
  canRename: boolean
  onError: (message: string | null) => void
}

/**
 * The board's title in its header. Someone who may edit renames it in place: a click (or Enter)
 * opens the field, Enter or leaving it saves, Escape cancels. Every screen on the board shows
 * the new title as soon as the server stored it.
 */
export function BoardTitle({ boardId, title, canRename, onError }: BoardTitleProps) {
  const [renaming, setRenaming] = useState(false)
  if (renaming && title !== null) {
    return (
      <div className="board-title board-title-editing">
        <BoardTitleEditor
          initialTitle={title}
          onCancel={() => setRenaming(false)}
          onSave={async (next) => {
            onError(null)
            try {
              await renameBoard(boardId, next)
              setRenaming(false)
              return true
            } catch (error) {
              const reason = error instanceof ApiError ? error.message : 'Check your connection.'
              onError(`Could not rename the board: ${reason}`)
              return false
            }
          }}
        />
      </div>
    )
  }
  const text = title ?? <span className="board-title-placeholder">Board</span>
  return (
    <h1 className="board-title" data-testid="board-title" title={title ?? undefined}>
      {canRename && title !== null ? (
        <button
          type="button"
          className="board-title-button"
          aria-label={`${title}. Rename the board`}
          data-testid="board-title-rename"
          onClick={() => setRenaming(true)}
        >
          {text}
        </button>
      ) : (
        text
      )}
    </h1>
  )
}
