import { Fragment, useRef } from 'react'
import { stopEventPropagation } from 'tldraw'
import type { StreamFigures } from '../../../shared/canvases/vsm/figures'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { useWheelScroll } from '../canvas/useWheelScroll'
import type { DurationUnit } from '../../../shared/canvases/vsm/durationUnit'
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
  unit: DurationUnit | undefined
}

/** One state of the stream: its steps left to right with the wait between them, and its totals. */
export function VsmLane({ canvasId, state, label, steps, figures, unit }: VsmLaneProps) {
  const groupSize = (i: number) =>
    figures.stepGroup.filter((g) => g === figures.stepGroup[i]).length
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
          <Total
            label="Lead time"
            value={formatDuration(figures.totalLeadMinutes, unit)}
            testId="lead"
          />
          <Total
            label="Process time"
            value={formatDuration(figures.totalProcessMinutes, unit)}
            testId="process"
          />
          <Total
            label="Wait"
            value={formatDuration(figures.totalWaitMinutes, unit)}
            testId="wait"
          />
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
            {index > 0 && (
              <li
                className={`vsm-flow-arrow${step.parallel ? ' is-parallel' : ''}`}
                aria-hidden="true"
                title={step.parallel ? 'Runs beside the step before it' : undefined}
              >
                {step.parallel ? '‖' : '→'}
              </li>
            )}
            <VsmStepCard
              canvasId={canvasId}
              state={state}
              step={step}
              index={index}
              count={steps.length}
              waitMinutes={figures.stepWaitMinutes[index] ?? 0}
              biggestWait={figures.biggestWaitIndex === index}
              critical={figures.onCriticalPath[index] ?? true}
              grouped={groupSize(index) > 1}
              unit={unit}
            />
          </Fragment>
        ))}
        {steps.length > 0 && (
          <li className="vsm-flow-arrow" aria-hidden="true">
            →
          </li>
        )}
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
