import { useTrackingPanel } from './trackingPanelStore'
import { ViewAction } from './ViewAction'
import './LockedCriteriaNote.css'

/** Says, under the metrics, that they are locked and where their amendments are kept. */
export function LockedCriteriaNote({ canvasId }: { canvasId: string }) {
  return (
    <p className="locked-criteria-note" data-testid="criteria-locked">
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <rect x="3.5" y="7" width="9" height="6.5" rx="1.5" fill="currentColor" />
        <path
          d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        />
      </svg>
      Locked since the start.{' '}
      <ViewAction
        className="tracking-inline-link"
        onAct={() => useTrackingPanel.getState().show(canvasId, 'criteria')}
      >
        Amendments
      </ViewAction>
    </p>
  )
}
