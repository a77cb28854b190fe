import { stopEventPropagation } from 'tldraw'
import { useTrackingPanel } from './trackingPanelStore'
import './AmendMetricButton.css'

/** Opens the amendment form for one locked metric: the way to change it once running. */
export function AmendMetricButton({
  canvasId,
  metricKey,
}: {
  canvasId: string
  metricKey: string
}) {
  return (
    <button
      type="button"
      className="tracking-button amend-metric-button"
      data-testid="amend-metric-button"
      title="The criteria are locked: change this metric with a reason"
      onPointerDown={stopEventPropagation}
      onClick={() => useTrackingPanel.getState().show(canvasId, 'criteria', metricKey)}
    >
      <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden="true">
        <rect x="3.5" y="7" width="9" height="6.5" rx="1.5" fill="currentColor" />
        <path
          d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.6"
        />
      </svg>
      Amend…
    </button>
  )
}
