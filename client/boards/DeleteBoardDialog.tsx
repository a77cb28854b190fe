import { useState } from 'react'
import type { Board } from '../../shared/api/boards'
import { RestoreWindowDays } from '../../shared/protocol/limits'
import { Dialog } from '../ui/Dialog'

interface DeleteBoardDialogProps {
  /** The board to confirm deleting; null closes the dialog. */
  board: Board | null
  onConfirm: (board: Board) => Promise<void>
  onClose: () => void
}

/** Asks before deleting, and says the board can be restored. */
export function DeleteBoardDialog({ board, onConfirm, onClose }: DeleteBoardDialogProps) {
  const [busy, setBusy] = useState(false)

  const confirm = async () => {
    if (!board || busy) return
    setBusy(true)
    try {
      await onConfirm(board)
    } finally {
      setBusy(false)
    }
  }

  return (
    <Dialog
      open={board !== null}
      onClose={onClose}
      title={`Delete “${board?.title ?? ''}”?`}
      testId="delete-board-dialog"
    >
      <p className="dialog-text">
        The board moves to Recently deleted. You can restore it there for {RestoreWindowDays} days.
      </p>
      <div className="dialog-actions">
        {/* Focused first, so Enter on an accidental open does not delete. */}
        <button type="button" className="button" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className="button button-danger"
          onClick={() => void confirm()}
          disabled={busy}
          data-testid="confirm-delete"
        >
          {busy ? 'Deleting…' : 'Delete board'}
        </button>
      </div>
    </Dialog>
  )
}
