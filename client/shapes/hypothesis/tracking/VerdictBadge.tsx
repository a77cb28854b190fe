import type { VerdictResult } from '../../../../shared/canvases/hypothesis/verdict'
import { verdictLabels } from '../../../tracker/trackerLabels'
import { shortDate } from './dates'
import './VerdictBadge.css'

// Drawn rather than typed, so the marks look the same in every font.
const marks = {
  supported: 'M3.5 6.2 5.2 8l3.3-4',
  refuted: 'M4 4l4 4M8 4 4 8',
  inconclusive: 'M4.6 4.6a1.5 1.5 0 1 1 2 1.4c-.4.2-.6.5-.6.9v.3M6 9.1v.1',
  pending: 'M6 3.6V6l1.6 1',
} as const

/**
 * The verdict that follows from the data right now, and why, in one line; once decided, the
 * verdict the decision was made on: "Decided 30 Nov: Supported".
 */
export function VerdictBadge({
  result,
  decidedAt = null,
}: {
  result: VerdictResult
  decidedAt?: string | null
}) {
  return (
    <div
      className={`tracking-verdict verdict-tone-${result.verdict}`}
      data-testid="hypothesis-verdict"
      data-verdict={result.verdict}
      role="status"
      title={result.reason}
    >
      <svg viewBox="0 0 12 12" width="18" height="18" aria-hidden="true">
        <circle cx="6" cy="6" r="6" />
        <path
          d={marks[result.verdict]}
          fill="none"
          stroke="#fff"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      <div className="tracking-verdict-text">
        <strong>
          {decidedAt && `Decided ${shortDate(decidedAt)}: `}
          {verdictLabels[result.verdict]}
        </strong>
        <span className="tracking-verdict-reason" data-testid="verdict-reason">
          {result.reason}
        </span>
      </div>
    </div>
  )
}
