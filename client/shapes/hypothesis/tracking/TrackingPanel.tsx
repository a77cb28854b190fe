import { useRef } from 'react'
import {
  criteriaLocked,
  type HypothesisTracking,
} from '../../../../shared/canvases/hypothesis/tracking'
import type { VerdictResult } from '../../../../shared/canvases/hypothesis/verdict'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import type { CanvasMap } from '../../../../shared/doc/canvasDoc'
import { AssumptionsTab } from '../assumptions/AssumptionsTab'
import { useWheelScroll } from '../../canvas/useWheelScroll'
import { AmendmentForm } from './AmendmentForm'
import { AmendmentList } from './AmendmentList'
import { CsvPaste } from './CsvPaste'
import { DecisionTab } from './DecisionTab'
import { HistoryNotes } from './HistoryNotes'
import { MeasurementForm } from './MeasurementForm'
import { MetricTrend } from './MetricTrend'
import { PipelineHint } from './PipelineHint'
import { RecentMeasurements } from './RecentMeasurements'
import { TrackingTabs, useTrackingPanel, type TrackingTab } from './trackingPanelStore'
import { ViewAction } from './ViewAction'
import { CheckinsSection } from '../../checkins/CheckinsSection'
import './TrackingPanel.css'

const tabLabels: Record<TrackingTab, string> = {
  measurements: 'Measurements',
  assumptions: 'Assumptions',
  criteria: 'Amendments',
  checkins: 'Check-ins',
  decision: 'Decision',
}

interface TrackingPanelProps {
  canvasId: string
  canvas: CanvasMap
  tab: TrackingTab
  tracking: HypothesisTracking
  metrics: readonly Metric[]
  verdict: VerdictResult
}

/**
 * The tracking panel, over the metrics column: each metric's chart and latest value, recording
 * measurements (and how a pipeline posts them), the assumptions, the amendments to the locked
 * criteria, and the decision.
 */
export function TrackingPanel({
  canvasId,
  canvas,
  tab,
  tracking,
  metrics,
  verdict,
}: TrackingPanelProps) {
  const { show, close } = useTrackingPanel.getState()
  const amending = useTrackingPanel((s) => s.amending[canvasId])
  const bodyRef = useRef<HTMLDivElement>(null)
  useWheelScroll(bodyRef)
  const states = new Map(verdict.metrics.map((m) => [m.key, m.state]))
  const { start, end } = tracking.timebox

  return (
    <aside className="tracking-panel" data-testid="tracking-panel" aria-label="Tracking">
      <header className="tracking-panel-head">
        <div className="tracking-tabs" role="tablist">
          {TrackingTabs.map((t) => (
            <ViewAction
              key={t}
              role="tab"
              aria-selected={t === tab}
              className={`tracking-tab${t === tab ? ' is-active' : ''}`}
              data-testid={`tracking-tab-${t}`}
              onAct={() => show(canvasId, t)}
            >
              {tabLabels[t]}
              {t === 'criteria' && tracking.amendments.length > 0 && (
                <span className="tracking-count">{tracking.amendments.length}</span>
              )}
            </ViewAction>
          ))}
        </div>
        <ViewAction
          className="icon-button tracking-close"
          aria-label="Close tracking"
          title="Close"
          onAct={() => close(canvasId)}
        >
          ×
        </ViewAction>
      </header>
      <div className="tracking-panel-body" ref={bodyRef}>
        {tab === 'measurements' && (
          <>
            <ul className="metric-trends">
              {metrics.map((metric) => (
                <MetricTrend
                  key={metric.id}
                  metric={metric}
                  state={states.get(metric.key) ?? 'no-data'}
                  measurements={tracking.measurements}
                  start={start}
                  end={end}
                />
              ))}
            </ul>
            <h4 className="tracking-heading">Record a measurement</h4>
            <MeasurementForm canvasId={canvasId} metrics={metrics} status={tracking.status} />
            <CsvPaste canvasId={canvasId} metrics={metrics} status={tracking.status} />
            <RecentMeasurements measurements={tracking.measurements} metrics={metrics} />
            <PipelineHint canvasId={canvasId} metrics={metrics} />
          </>
        )}
        {tab === 'assumptions' && <AssumptionsTab canvasId={canvasId} canvas={canvas} />}
        {tab === 'criteria' && (
          <>
            {criteriaLocked(tracking.status) ? (
              <>
                <h4 className="tracking-heading">Amend a locked criterion</h4>
                {metrics.length > 0 ? (
                  <AmendmentForm
                    key={amending ?? ''}
                    canvasId={canvasId}
                    metrics={metrics}
                    initialKey={amending}
                  />
                ) : (
                  <p className="tracking-muted">There are no metrics to amend.</p>
                )}
              </>
            ) : (
              <p className="tracking-note">
                The criteria lock when the experiment starts. Until then, change the metrics
                directly; afterwards every change is kept here with its reason.
              </p>
            )}
            <h4 className="tracking-heading">Amendments</h4>
            <AmendmentList amendments={tracking.amendments} />
            <HistoryNotes notes={tracking.history} />
          </>
        )}
        {tab === 'checkins' && <CheckinsSection canvasId={canvasId} canvas={canvas} />}
        {tab === 'decision' && <DecisionTab canvasId={canvasId} tracking={tracking} />}
      </div>
    </aside>
  )
}
