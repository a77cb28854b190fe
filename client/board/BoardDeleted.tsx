import { useEffect, useState } from 'react'
import type { DeletedBoardDetails } from '../../shared/api/boards'
import { RoleAbilities } from '../../shared/api/links'
import { RestoreWindowDays } from '../../shared/protocol/limits'
import { boardRoleOf } from '../access/boardKeys'
import { getBoard, restoreBoard } from '../api/boards'
import { ApiError } from '../api/client'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import { Page } from './BoardNotFound'
import { deletionOf } from './useBoardInfo'

interface BoardDeletedProps {
  boardId: string
  /** Who deleted it and when, if known; otherwise the page asks the server. */
  deletion?: DeletedBoardDetails | null
  /** The board was restored from this page: open it again. */
  onRestored: () => void
}

/**
 * Shown when the board was deleted, on opening it or to everyone on it at that moment: who
 * deleted it, and that its owner can restore it. The owner gets the Restore button.
 */
export function BoardDeleted({ boardId, deletion, onRestored }: BoardDeletedProps) {
  const [asked, setAsked] = useState<DeletedBoardDetails | null>(null)
  const [restoring, setRestoring] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const known = deletion ?? asked
  const owns = RoleAbilities.manage(boardRoleOf(boardId) ?? 'view')

  // After the sync socket was closed for the deletion, the REST answer says who deleted it.
  useEffect(() => {
    if (deletion) return
    const controller = new AbortController()
    getBoard(boardId, controller.signal).then(
      (board) =>
        board.deletedAt && setAsked({ deletedAt: board.deletedAt, deletedBy: board.deletedBy }),
      (caught: unknown) => {
        if (caught instanceof ApiError && caught.code === 'gone') setAsked(deletionOf(caught))
      },
    )
    return () => controller.abort()
  }, [boardId, deletion])

  const restore = async () => {
    setRestoring(true)
    setError(null)
    try {
      await restoreBoard(boardId)
      onRestored()
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The board could not be restored.')
      setRestoring(false)
    }
  }

  const who = known?.deletedBy ?? 'The owner'
  return (
    <Page
      reason="deleted"
      heading="This board was deleted"
      actions={
        owns && (
          <button
            type="button"
            className="button button-primary"
            onClick={() => void restore()}
            disabled={restoring}
            data-testid="restore-deleted-board"
          >
            {restoring ? 'Restoring…' : 'Restore board'}
          </button>
        )
      }
    >
      <p data-testid="board-deleted-message">
        <strong>{who}</strong> deleted this board
        {known && (
          <span title={absoluteTime(known.deletedAt)}> {relativeTime(known.deletedAt)}</span>
        )}
        .{' '}
        {owns
          ? `You own it: restore it here or from Recently deleted on the board list, for ${RestoreWindowDays} days.`
          : 'The owner can restore it from the board list.'}
      </p>
      {error && (
        <p className="header-error" role="alert">
          {error}
        </p>
      )}
    </Page>
  )
}
