import { withBoardKey } from '../access/requestAuth'
import { workshopSummaryPath } from '../api/workshop'
import { exportFileName } from '../export/exportFileName'

/** Downloads the workshop summary (participants, votes, decisions, canvases) as markdown. */
export function WorkshopSummaryLink({
  boardId,
  boardTitle,
}: {
  boardId: string
  boardTitle: string | null
}) {
  return (
    <a
      className="button button-small button-quiet"
      href={withBoardKey(workshopSummaryPath(boardId), boardId)}
      download={exportFileName(boardTitle, 'md', 'Workshop summary')}
      data-testid="workshop-summary"
      title="Download the workshop summary as markdown: participants, vote results, decisions and every canvas"
    >
      Summary
    </a>
  )
}
