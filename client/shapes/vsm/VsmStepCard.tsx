import { useEffect, useRef } from 'react'
import { stopEventPropagation } from 'tldraw'
import { StepClassifications, Wastes } from '../../../shared/canvases/vsm/definition'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { NumberField } from '../canvas/NumberField'
import { YTextInput } from '../canvas/YTextInput'
import { formatDuration, parseDuration } from './duration'
import type { StepView } from './readSteps'
import { removeStep, setStepTime, setStepValue, shiftStep, type StreamState } from './stepCommands'
import { useDiffAttributes } from '../../history/diff/diffAttributes'
import './VsmStepCard.css'

const classificationLabels = {
  'value-adding': 'Value-adding',
  necessary: 'Necessary, not value-adding',
  waste: 'Waste',
} as const

interface VsmStepCardProps {
  canvasId: string
  state: StreamState
  step: StepView
  index: number
  count: number
  waitMinutes: number
  biggestWait: boolean
}

const stop = { onPointerDown: stopEventPropagation, onKeyDown: stopEventPropagation }

/** One step: name, owner, times, %C&A, classification and waste tags; its wait below it. */
export function VsmStepCard({
  canvasId,
  state,
  step,
  index,
  count,
  waitMinutes,
  biggestWait,
}: VsmStepCardProps) {
  const { doc, focus } = useCanvasEnvironment()
  const nameRef = useRef<HTMLTextAreaElement | null>(null)
  useEffect(() => focus.fulfil(step.id, nameRef.current), [focus, step.id])
  const diff = useDiffAttributes(canvasId, { entry: step.id })

  return (
    <li
      className={`vsm-step vsm-step-${step.classification}${biggestWait ? ' has-biggest-wait' : ''}`}
      data-testid="vsm-step"
      data-step-id={step.id}
      {...diff}
    >
      <div className="card card-small vsm-step-card">
        <div className="vsm-step-top">
          <span className="vsm-step-number">{index + 1}</span>
          <div className="vsm-step-tools">
            <button
              type="button"
              className="icon-button"
              aria-label="Move step left"
              disabled={index === 0}
              {...stop}
              onClick={() => shiftStep(doc, canvasId, state, step, -1)}
            >
              ‹
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label="Move step right"
              disabled={index === count - 1}
              {...stop}
              onClick={() => shiftStep(doc, canvasId, state, step, 1)}
            >
              ›
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              aria-label="Delete step"
              {...stop}
              onClick={() => removeStep(doc, canvasId, state, step.id)}
            >
              ×
            </button>
          </div>
        </div>
        {step.name && (
          <YTextInput
            className="vsm-step-name"
            text={step.name}
            singleLine
            aria-label="Step name"
            placeholder="Step name"
            maxLength={200}
            fieldRef={(element) => {
              nameRef.current = element
            }}
          />
        )}
        {step.owner && (
          <YTextInput
            className="vsm-step-owner"
            text={step.owner}
            singleLine
            aria-label="Owner"
            placeholder="Owner / people"
            maxLength={200}
          />
        )}
        <div className="vsm-step-times">
          <label>
            <span title="Process time: hands-on time">PT</span>
            <NumberField
              aria-label="Process time"
              data-testid="process-time"
              value={step.processMinutes}
              min={0}
              parseText={parseDuration}
              formatValue={formatDuration}
              onCommit={(value) => value !== null && setStepTime(step.map, 'processMinutes', value)}
            />
          </label>
          <label>
            <span title="Lead time: from work arriving to handing it on">LT</span>
            <NumberField
              aria-label="Lead time"
              data-testid="lead-time"
              value={step.leadMinutes}
              min={0}
              parseText={parseDuration}
              formatValue={formatDuration}
              onCommit={(value) => value !== null && setStepTime(step.map, 'leadMinutes', value)}
            />
          </label>
          <label>
            <span title="Complete and accurate: share the next step can use without rework">
              %C&A
            </span>
            <NumberField
              aria-label="Percent complete and accurate"
              data-testid="complete-accurate"
              value={step.completeAccuratePct}
              min={0}
              max={100}
              onCommit={(value) =>
                value !== null && setStepTime(step.map, 'completeAccuratePct', value)
              }
            />
          </label>
        </div>
        <select
          className="vsm-step-classification"
          aria-label="Classification"
          value={step.classification}
          {...stop}
          onChange={(event) => setStepValue(step.map, 'classification', event.target.value)}
        >
          {StepClassifications.map((c) => (
            <option key={c} value={c}>
              {classificationLabels[c]}
            </option>
          ))}
        </select>
        <WasteTags step={step} />
      </div>
      <div className="vsm-wait" data-testid="step-wait" title="Wait = lead time − process time">
        {biggestWait && <span className="vsm-wait-flag">Biggest wait</span>}
        <span>wait {formatDuration(waitMinutes)}</span>
      </div>
    </li>
  )
}

function WasteTags({ step }: { step: StepView }) {
  const remaining = Wastes.filter((w) => !step.wastes.includes(w))
  return (
    <div className="vsm-wastes">
      {step.wastes.map((waste) => (
        <button
          key={waste}
          type="button"
          className="vsm-waste-tag"
          title={`Remove “${waste}”`}
          {...stop}
          onClick={() =>
            setStepValue(
              step.map,
              'wastes',
              step.wastes.filter((w) => w !== waste),
            )
          }
        >
          {waste} <span aria-hidden="true">×</span>
        </button>
      ))}
      {remaining.length > 0 && (
        <select
          className="vsm-waste-add"
          aria-label="Add a waste"
          value=""
          {...stop}
          onChange={(event) => {
            const waste = Wastes.find((w) => w === event.target.value)
            if (waste)
              setStepValue(
                step.map,
                'wastes',
                Wastes.filter((w) => w === waste || step.wastes.includes(w)),
              )
          }}
        >
          <option value="">+ waste</option>
          {remaining.map((w) => (
            <option key={w} value={w}>
              {w}
            </option>
          ))}
        </select>
      )}
    </div>
  )
}
