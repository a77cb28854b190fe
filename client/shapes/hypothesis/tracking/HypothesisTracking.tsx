import type { ReactNode } from 'react'
import { standingVerdict } from '../../../../shared/canvases/hypothesis/standing'
import type { CanvasMap } from '../../../../shared/doc/canvasDoc'
import { useFollowLink } from '../../canvas/useFollowLink'
import { CheckinDue } from '../../checkins/CheckinsSection'
import { TrackingBar } from './TrackingBar'
import { TrackingPanel } from './TrackingPanel'
import { useTrackingPanel } from './trackingPanelStore'
import { useClock } from './useClock'
import { useTracking } from './useTracking'
import './tracking.css'

/**
 * A hypothesis canvas with its tracking: the bar above the boxes, and the panel over the
 * metrics column when open. The verdict (kept with the decision once decided) is computed here, live, with the same function the
 * server uses, on every change to the document and when the time box runs out.
 */
export function HypothesisTracking({
  canvasId,
  canvas,
  children,
}: {
  canvasId: string
  canvas: CanvasMap
  children: ReactNode
}) {
  const { tracking, metrics } = useTracking(canvasId, canvas)
  const now = useClock(tracking.timebox)
  const tab = useTrackingPanel((s) => s.open[canvasId])
  useFollowLink(canvasId)
  const verdict = standingVerdict(metrics, tracking.measurements, tracking, now)

  return (
    <div className="hypothesis-tracking">
      <TrackingBar canvasId={canvasId} tracking={tracking} verdict={verdict} now={now} />
      <div className="tracking-checkin-due">
        <CheckinDue canvasId={canvasId} canvas={canvas} />
      </div>
      <div className="hypothesis-tracking-body">
        {children}
        {tab && (
          <TrackingPanel
            canvasId={canvasId}
            canvas={canvas}
            tab={tab}
            tracking={tracking}
            metrics={metrics}
            verdict={verdict}
          />
        )}
      </div>
    </div>
  )
}
