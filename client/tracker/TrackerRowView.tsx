import type { MouseEvent } from 'react'
import type { TrackerRow } from '../../shared/api/hypotheses'
import { Link, navigate } from '../app/router'
import { absoluteTime, relativeTime } from '../ui/relativeTime'
import { BoardBadge } from './BoardBadge'
import { MetricCell } from './MetricCell'
import { StatusPill } from './StatusPill'
import { timeboxEndLine, timeboxLabel } from './timeboxLabel'
import { dueWords } from '../shapes/checkins/dueWords'
import { VerdictPill } from './VerdictPill'
import './TrackerRowView.css'

/** Where a hypothesis opens: its board, focused on its canvas. */
export const hypothesisHref = (row: Pick<TrackerRow, 'boardId' | 'hypothesisId'>) =>
  `/b/${encodeURIComponent(row.boardId)}?canvas=${encodeURIComponent(row.hypothesisId)}`

/** One hypothesis in the tracker table; the whole row opens it on its board. */
export function TrackerRowView({ row, now }: { row: TrackerRow; now: number }) {
  const href = hypothesisHref(row)
  const timebox = timeboxLabel(row)
  const endLine = timeboxEndLine(row, now)

  // The title link covers the row; the verdict pill sits above it for its tooltip, so a click
  // there is passed on here.
  const openFromRow = (event: MouseEvent<HTMLTableRowElement>) => {
    if (event.defaultPrevented || (event.target as Element).closest('a')) return
    navigate(href)
  }

  return (
    <tr
      className="tracker-row"
      data-testid="tracker-row"
      data-board-id={row.boardId}
      data-hypothesis-id={row.hypothesisId}
      onClick={openFromRow}
    >
      <td className="col-hypothesis">
        <Link to={href} className="tracker-row-link" data-testid="tracker-row-link">
          {row.title.trim() || 'Untitled hypothesis'}
        </Link>
        <p className="tracker-sentence" data-testid="sentence">
          {row.sentence}
        </p>
      </td>
      <td>
        <StatusPill status={row.status} decision={row.decision} />
      </td>
      <td>
        <VerdictPill verdict={row.verdict} reason={row.verdictReason} />
      </td>
      <td>
        <MetricCell metric={row.primaryMetric} />
      </td>
      <td>
        <div className={`timebox timebox-${timebox.tone}`} data-testid="timebox">
          {timebox.text}
        </div>
        {endLine && (
          <div
            className="tracker-secondary"
            data-testid="timebox-end"
            title={row.timeboxEnd ? absoluteTime(row.timeboxEnd) : undefined}
          >
            {endLine}
          </div>
        )}
        {row.checkin && (
          <div
            className={`tracker-checkin is-${row.checkin.state}`}
            data-testid="tracker-checkin"
            data-state={row.checkin.state}
          >
            {dueWords(row.checkin, now)}
          </div>
        )}
      </td>
      <td className="col-board">
        <span className="board-tag">
          <BoardBadge boardId={row.boardId} title={row.boardTitle} />
          <span className="board-tag-title" data-testid="board">
            {row.boardTitle || 'Untitled board'}
          </span>
        </span>
      </td>
      <td className="col-updated">
        <span className="tracker-secondary" title={absoluteTime(row.updatedAt)}>
          {relativeTime(row.updatedAt, now)}
        </span>
      </td>
    </tr>
  )
}
