import { useEffect, useId, useRef, useState } from 'react'
import { stopEventPropagation } from 'tldraw'
import { StepClassifications, Wastes } from '../../../shared/canvases/vsm/definition'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import type { DurationUnit } from '../../../shared/canvases/vsm/durationUnit'
import { YTextInput } from '../canvas/YTextInput'
import { formatDuration } from './duration'
import type { StepView } from './readSteps'
import {
  removeStep,
  setStepParallel,
  setStepTime,
  setStepValue,
  shiftStep,
  type StreamState,
} from './stepCommands'
import { checkStepField, type StepNumberField } from './stepFieldCheck'
import { StepNumberInput } from './StepNumberInput'
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
  /** Whether the step is on the critical path (the longest of its parallel group). */
  critical: boolean
  /** Whether it runs in a group of parallel steps (then it says whether it is critical). */
  grouped: boolean
  /** The unit the map shows durations in, if the team chose one. */
  unit: DurationUnit | undefined
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
  critical,
  grouped,
  unit,
}: VsmStepCardProps) {
  const { doc, focus } = useCanvasEnvironment()
  const parallel = index > 0 && step.parallel
  const nameRef = useRef<HTMLTextAreaElement | null>(null)
  useEffect(() => focus.fulfil(step.id, nameRef.current), [focus, step.id])
  const diff = useDiffAttributes(canvasId, { entry: step.id })

  return (
    <li
      className={`vsm-step vsm-step-${step.classification}${biggestWait ? ' has-biggest-wait' : ''}${critical ? ' is-critical' : ' is-off-path'}${parallel ? ' is-parallel' : ''}`}
      data-testid="vsm-step"
      data-step-id={step.id}
      data-critical={critical}
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
        <StepTimes step={step} unit={unit} />
        {index > 0 && (
          <label className="vsm-step-parallel">
            <input
              type="checkbox"
              checked={step.parallel}
              {...stop}
              onChange={(event) => setStepParallel(step.map, event.target.checked)}
            />
            Runs beside step {index}
          </label>
        )}
        {grouped ? (
          <span className="vsm-step-path" data-testid="step-path">
            {critical ? 'Critical path' : 'Off the critical path'}
          </span>
        ) : null}
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
        <span>wait {formatDuration(waitMinutes, unit)}</span>
      </div>
    </li>
  )
}

const timeFields: readonly {
  field: StepNumberField
  short: string
  title: string
  label: string
  testId: string
}[] = [
  {
    field: 'processMinutes',
    short: 'PT',
    title: 'Process time: hands-on time',
    label: 'Process time',
    testId: 'process-time',
  },
  {
    field: 'leadMinutes',
    short: 'LT',
    title: 'Lead time: from work arriving to handing it on',
    label: 'Lead time',
    testId: 'lead-time',
  },
  {
    field: 'completeAccuratePct',
    short: '%C&A',
    title: 'Complete and accurate: share the next step can use without rework',
    label: 'Percent complete and accurate',
    testId: 'complete-accurate',
  },
]

/** Process time, lead time and %C&A, each checked as typed; refusals shown below them. */
function StepTimes({ step, unit }: { step: StepView; unit: DurationUnit | undefined }) {
  const id = useId()
  const [messages, setMessages] = useState<Partial<Record<StepNumberField, string>>>({})
  const shown = (field: StepNumberField) =>
    field === 'completeAccuratePct' ? String(step[field]) : formatDuration(step[field], unit)
  return (
    <>
      <div className="vsm-step-times">
        {timeFields.map((f) => (
          <label key={f.field}>
            <span title={f.title}>{f.short}</span>
            <StepNumberInput
              aria-label={f.label}
              data-testid={f.testId}
              shown={shown(f.field)}
              check={(text) => checkStepField(f.field, text, step, unit)}
              onCommit={(value) => setStepTime(step.map, f.field, value)}
              messageId={`${id}-${f.field}`}
              dependsOn={`${step.processMinutes}/${step.leadMinutes}`}
              onMessage={(message) =>
                setMessages((m) => {
                  const next = { ...m }
                  if (message) next[f.field] = message
                  else delete next[f.field]
                  return next
                })
              }
            />
          </label>
        ))}
      </div>
      {timeFields.map(
        (f) =>
          messages[f.field] && (
            <p
              key={f.field}
              id={`${id}-${f.field}`}
              className="vsm-field-message"
              role="alert"
              data-testid="step-field-message"
            >
              {messages[f.field]}
            </p>
          ),
      )}
    </>
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
