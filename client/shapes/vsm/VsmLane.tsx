import { Fragment, useRef } from 'react'
import { stopEventPropagation } from 'tldraw'
import type { StreamFigures } from '../../../shared/canvases/vsm/figures'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { useWheelScroll } from '../canvas/useWheelScroll'
import { formatDuration, formatPercent } from './duration'
import type { StepView } from './readSteps'
import { addStep, type StreamState } from './stepCommands'
import { VsmStepCard } from './VsmStepCard'
import { RemovedParts } from '../../history/diff/diffAttributes'
import './VsmLane.css'

interface VsmLaneProps {
  canvasId: string
  state: StreamState
  label: string
  steps: StepView[]
  figures: StreamFigures
}

/** One state of the stream: its steps left to right with the wait between them, and its totals. */
export function VsmLane({ canvasId, state, label, steps, figures }: VsmLaneProps) {
  const { doc, focus } = useCanvasEnvironment()
  const stepsRef = useRef<HTMLOListElement>(null)
  useWheelScroll(stepsRef)
  return (
    <section
      className={`vsm-lane vsm-lane-${state}`}
      data-testid={`vsm-${state}`}
      aria-label={label}
    >
      <header className="vsm-lane-header">
        <h3 className="canvas-box-title">{label}</h3>
        <dl className="vsm-totals" data-testid={`vsm-${state}-totals`}>
          <Total label="Lead time" value={formatDuration(figures.totalLeadMinutes)} testId="lead" />
          <Total
            label="Process time"
            value={formatDuration(figures.totalProcessMinutes)}
            testId="process"
          />
          <Total label="Wait" value={formatDuration(figures.totalWaitMinutes)} testId="wait" />
          <Total
            label="Activity ratio"
            value={formatPercent(figures.activityRatio)}
            testId="activity"
          />
          <Total
            label="Rolled %C&A"
            value={formatPercent(figures.rolledCompleteAccurate)}
            testId="rolled"
          />
        </dl>
      </header>
      <ol className="vsm-steps" ref={stepsRef}>
        {steps.map((step, index) => (
          <Fragment key={step.id}>
            <VsmStepCard
              canvasId={canvasId}
              state={state}
              step={step}
              index={index}
              count={steps.length}
              waitMinutes={figures.stepWaitMinutes[index] ?? 0}
              biggestWait={figures.biggestWaitIndex === index}
            />
            <li className="vsm-flow-arrow" aria-hidden="true">
              →
            </li>
          </Fragment>
        ))}
        <RemovedParts canvasId={canvasId} where={state} />
        <li className="vsm-add-step">
          <button
            type="button"
            className="canvas-box-add"
            data-testid={`add-step-${state}`}
            onPointerDown={stopEventPropagation}
            onKeyDown={(event) => event.stopPropagation()}
            onClick={() => {
              const id = addStep(doc, canvasId, state)
              if (id) focus.request(id)
            }}
          >
            <span aria-hidden="true">+</span> Add step
          </button>
        </li>
      </ol>
    </section>
  )
}

function Total({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <div className="vsm-total" data-testid={`total-${testId}`}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  )
}
