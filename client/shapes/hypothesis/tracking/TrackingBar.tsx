import { useState } from 'react'
import { stopEventPropagation } from 'tldraw'
import type { HypothesisTracking } from '../../../../shared/canvases/hypothesis/tracking'
import type { VerdictResult } from '../../../../shared/canvases/hypothesis/verdict'
import { decisionLabels, statusLabels } from '../../../tracker/trackerLabels'
import { absoluteTime } from '../../../ui/relativeTime'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { NumberField } from '../../canvas/NumberField'
import { CanvasLink } from './CanvasLink'
import { shortDate } from './dates'
import { statusActions } from './statusActions'
import { useDiffAttributes } from '../../../history/diff/diffAttributes'
import { timeboxStanding } from './timeboxStanding'
import { moveHypothesis, setTimeboxDays } from './trackingCommands'
import { useTrackingPanel } from './trackingPanelStore'
import { VerdictBadge } from './VerdictBadge'
import { ViewAction } from './ViewAction'
import './TrackingBar.css'

interface TrackingBarProps {
  canvasId: string
  tracking: HypothesisTracking
  verdict: VerdictResult
  now: number
}

/**
 * The hypothesis's life at a glance, above its boxes: status and the next step, the time box,
 * the verdict with its reason, the pivot links, and the tracking panel's switch.
 */
export function TrackingBar({ canvasId, tracking, verdict, now }: TrackingBarProps) {
  const { doc } = useCanvasEnvironment()
  const [refusal, setRefusal] = useState<string | null>(null)
  const panel = useTrackingPanel((s) => s.open[canvasId])
  const { show, close } = useTrackingPanel.getState()
  const { status, timebox, decision } = tracking
  const standing = timeboxStanding(status, timebox, now)
  const statusDiff = useDiffAttributes(canvasId, { value: 'status' })
  const decisionDiff = useDiffAttributes(canvasId, { value: 'decision' })
  const verdictDiff = useDiffAttributes(canvasId, { value: 'verdict' })
  const started = timebox.start !== null

  const act = (result: { ok: true } | { ok: false; message: string }) =>
    setRefusal(result.ok ? null : result.message)

  return (
    <div className="tracking-bar-wrap">
      <div className="tracking-bar" data-testid="tracking-bar">
        <span
          className={`pill tracking-status status-tone-${status}`}
          data-testid="hypothesis-status"
          data-status={status}
          {...(statusDiff['data-diff'] ? statusDiff : decisionDiff)}
        >
          <span className="pill-dot tracking-status-dot" aria-hidden="true" />
          {statusLabels[status]}
          {decision && (
            <span className="tracking-status-decision"> · {decisionLabels[decision.decision]}</span>
          )}
        </span>

        <span
          className={`tracking-timebox timebox-tone-${standing.tone}`}
          data-testid="hypothesis-timebox"
          data-tone={standing.tone}
          title={
            started && timebox.end
              ? `${absoluteTime(timebox.start!)} → ${absoluteTime(timebox.end)}`
              : 'The time box starts with the experiment'
          }
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <circle cx="8" cy="8" r="6.2" fill="none" stroke="currentColor" strokeWidth="1.6" />
            <path
              d="M8 4.6V8l2.2 1.4"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
            />
          </svg>
          {started ? (
            <>
              <span>{standing.text}</span>
              <span className="tracking-muted">
                {shortDate(timebox.start!)} – {shortDate(timebox.end!)}
              </span>
            </>
          ) : (
            <label className="tracking-days">
              <span>Time box</span>
              <NumberField
                value={timebox.days}
                min={1}
                max={366}
                parseText={(text) => (/^\s*\d+\s*$/.test(text) ? Number(text) : undefined)}
                aria-label="Time box in days"
                data-testid="timebox-days"
                onCommit={(days) => days !== null && act(setTimeboxDays(doc, canvasId, days))}
              />
              <span>{timebox.days === 1 ? 'day' : 'days'}</span>
            </label>
          )}
        </span>

        <span className="tracking-actions">
          {statusActions(status).map((action) => (
            <button
              key={action.label}
              type="button"
              className={`tracking-button${action.primary ? ' is-primary' : ''}`}
              data-testid={action.kind === 'move' ? `status-to-${action.to}` : 'open-decision'}
              onPointerDown={stopEventPropagation}
              onClick={() => {
                if (action.kind === 'decide') {
                  setRefusal(null)
                  show(canvasId, 'decision')
                } else {
                  act(moveHypothesis(doc, canvasId, action.to, Date.now()))
                }
              }}
            >
              {action.label}
            </button>
          ))}
        </span>

        <span className="tracking-verdict-mark" {...verdictDiff}>
          <VerdictBadge
            result={verdict}
            decidedAt={tracking.status === 'decided' ? (tracking.decision?.at ?? null) : null}
          />
        </span>

        <ViewAction
          className={`tracking-button tracking-toggle${panel ? ' is-on' : ''}`}
          data-testid="toggle-tracking"
          aria-expanded={panel !== undefined}
          onAct={() => (panel ? close(canvasId) : show(canvasId, 'measurements'))}
        >
          <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true">
            <path
              d="M2 13.5h12M3.5 11l3-4 2.5 2 3.5-5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.6"
              strokeLinecap="round"
              strokeLinejoin="round"
            />
          </svg>
          Tracking
          {tracking.measurements.length > 0 && (
            <span className="tracking-count">{tracking.measurements.length}</span>
          )}
        </ViewAction>
      </div>
      {(refusal || tracking.predecessor || tracking.successor) && (
        <div className="tracking-notes">
          {refusal && (
            <p className="tracking-refusal" role="alert" data-testid="tracking-refusal">
              {refusal}
              <button
                type="button"
                className="tracking-dismiss"
                aria-label="Dismiss"
                onPointerDown={stopEventPropagation}
                onClick={() => setRefusal(null)}
              >
                ×
              </button>
            </p>
          )}
          {tracking.predecessor && (
            <CanvasLink canvasId={tracking.predecessor} relation="predecessor" />
          )}
          {tracking.successor && <CanvasLink canvasId={tracking.successor} relation="successor" />}
        </div>
      )}
    </div>
  )
}
