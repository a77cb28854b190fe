import { withBoardKey } from '../access/requestAuth'
import { workshopSummaryPath } from '../api/workshop'

/** Downloads the workshop summary (participants, votes, decisions, canvases) as markdown. */
export function WorkshopSummaryLink({ boardId }: { boardId: string }) {
  return (
    <a
      className="button button-small button-quiet"
      href={withBoardKey(workshopSummaryPath(boardId), boardId)}
      download="workshop-summary.md"
      data-testid="workshop-summary"
      title="Download the workshop summary as markdown: participants, vote results, decisions and every canvas"
    >
      Summary
    </a>
  )
}
