import type { Verdict } from '../../shared/canvases/hypothesis/verdict'
import { verdictLabels } from './trackerLabels'
import './VerdictPill.css'

// Drawn rather than typed, so the marks look the same in every font.
const marks: Record<Verdict, string> = {
  supported: 'M3.5 6.2 5.2 8l3.3-4',
  refuted: 'M4 4l4 4M8 4 4 8',
  inconclusive: 'M4.6 4.6a1.5 1.5 0 1 1 2 1.4c-.4.2-.6.5-.6.9v.3M6 9.1v.1',
  pending: 'M6 3.6V6l1.6 1',
}

/** What the data says so far, coloured; hovering shows why. */
export function VerdictPill({ verdict, reason }: { verdict: Verdict; reason: string }) {
  return (
    <span
      className={`pill pill-toned tracker-pill verdict-pill verdict-tone-${verdict}`}
      title={reason}
      data-testid="verdict"
      data-verdict={verdict}
    >
      <svg className="verdict-icon" viewBox="0 0 12 12" width="15" height="15" aria-hidden="true">
        <circle cx="6" cy="6" r="6" />
        <path
          d={marks[verdict]}
          fill="none"
          stroke="#fff"
          strokeWidth="1.5"
          strokeLinecap="round"
          strokeLinejoin="round"
        />
      </svg>
      {verdictLabels[verdict]}
      <span className="visually-hidden">: {reason}</span>
    </span>
  )
}
