import type { Decision, HypothesisStatus } from '../../shared/canvases/hypothesis/tracking'
import { decisionLabels, statusLabels } from './trackerLabels'
import './StatusPill.css'

/** Where a hypothesis is in its life; a decided one also says what was decided. */
export function StatusPill({
  status,
  decision,
}: {
  status: HypothesisStatus
  decision: Decision | null
}) {
  return (
    <span className={`pill tracker-pill status-pill status-tone-${status}`} data-testid="status">
      <span className="pill-dot tracker-pill-dot" aria-hidden="true" />
      {statusLabels[status]}
      {decision && <span className="status-decision"> · {decisionLabels[decision]}</span>}
    </span>
  )
}
