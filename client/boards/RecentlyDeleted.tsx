import { RoleAbilities } from '../../shared/api/links'
import type { BoardWithRole } from '../api/boards'
import { RestoreWindowDays } from '../../shared/protocol/limits'
import { useUiStore } from '../state/uiStore'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import './RecentlyDeleted.css'

interface RecentlyDeletedProps {
  boards: BoardWithRole[]
  now: number
  onRestore: (board: BoardWithRole) => Promise<void>
}

const DayMs = 24 * 60 * 60 * 1000

/** Whole days left before a deleted board can no longer be restored, from 0 to 30. */
export function daysLeftToRestore(deletedAt: string, now = Date.now()): number {
  const deadline = Date.parse(deletedAt) + RestoreWindowDays * DayMs
  // `now` may lag the deletion a little (it ticks once a minute) or the server's clock.
  return Math.min(RestoreWindowDays, Math.max(0, Math.ceil((deadline - now) / DayMs)))
}

/**
 * A collapsible list of deleted boards, with Restore buttons for those this browser owns;
 * hidden when there are none.
 */
export function RecentlyDeleted({ boards, now, onRestore }: RecentlyDeletedProps) {
  const open = useUiStore((state) => state.showRecentlyDeleted)
  const setOpen = useUiStore((state) => state.setShowRecentlyDeleted)
  if (boards.length === 0) return null

  return (
    <details
      className="deleted-section"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
      data-testid="recently-deleted"
    >
      <summary className="deleted-summary">
        Recently deleted <span className="count-badge">{boards.length}</span>
      </summary>
      <p className="deleted-hint">Deleted boards can be restored for {RestoreWindowDays} days.</p>
      <ul className="deleted-list">
        {boards.map((board) => {
          const days = daysLeftToRestore(board.deletedAt ?? board.updatedAt, now)
          return (
            <li key={board.id} className="deleted-item" data-testid="deleted-board-item">
              <div>
                <p className="deleted-title">{board.title}</p>
                <p className="deleted-meta">
                  <span title={absoluteTime(board.deletedAt ?? '')}>
                    Deleted {board.deletedBy ? `by ${board.deletedBy} ` : ''}
                    {relativeTime(board.deletedAt ?? board.updatedAt, now)}
                  </span>
                  {' · '}
                  <span data-testid="days-left">
                    {days === 1 ? '1 day left' : `${days} days left`}
                  </span>
                </p>
              </div>
              {board.role && RoleAbilities.manage(board.role) ? (
                <button
                  type="button"
                  className="button button-small"
                  onClick={() => void onRestore(board)}
                  aria-label={`Restore ${board.title}`}
                  data-testid="restore-board"
                >
                  Restore
                </button>
              ) : (
                <span className="deleted-owner-only" data-testid="restore-owner-only">
                  The owner can restore it
                </span>
              )}
            </li>
          )
        })}
      </ul>
    </details>
  )
}
