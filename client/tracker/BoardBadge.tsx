import { boardTint } from '../boards/boardTint'
import './BoardBadge.css'

/** A board's tint and initial, as its card shows them in the board list. */
export function BoardBadge({ boardId, title }: { boardId: string; title: string }) {
  return (
    <span
      className="board-badge"
      style={{ backgroundColor: boardTint(boardId) }}
      aria-hidden="true"
    >
      {[...title.trim()][0]?.toUpperCase() ?? 'B'}
    </span>
  )
}
