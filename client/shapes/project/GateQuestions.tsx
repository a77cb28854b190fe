import { useState } from 'react'
import { stopEventPropagation } from 'tldraw'
import type { Stage } from '../../../shared/canvases/project/stages'
import {
  GateAnswers,
  NoteMax,
  gatesOf,
  type GateAnswer,
  type GateState,
  type ProjectTracking,
} from '../../../shared/canvases/project/tracking'
import { useUiStore } from '../../state/uiStore'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { answerGate } from './projectCommands'

const answerLabels: Record<GateAnswer, string> = { yes: 'Yes', no: 'No', 'not-yet': 'Not yet' }

/** The gate questions of a stage: each answered yes, no or not yet, with a note. */
export function GateQuestions({
  canvasId,
  stage,
  record,
}: {
  canvasId: string
  stage: Stage
  record: ProjectTracking
}) {
  const gates = gatesOf(record, stage)
  if (gates.length === 0) {
    return <p className="project-muted">The method asks no gate questions in this stage.</p>
  }
  const open = gates.filter((g) => g.open).length
  return (
    <section className="project-gates" data-testid="project-gates" aria-label="Gate questions">
      <h4 className="project-heading">
        Gate questions{' '}
        <span className="project-muted" data-testid="project-gates-open">
          {open === 0 ? 'all answered' : `${open} of ${gates.length} open`}
        </span>
      </h4>
      <ul className="project-gate-list">
        {gates.map((gate) => (
          <Gate key={gate.id} canvasId={canvasId} stage={stage} gate={gate} />
        ))}
      </ul>
    </section>
  )
}

function Gate({ canvasId, stage, gate }: { canvasId: string; stage: Stage; gate: GateState }) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const saved = gate.record?.note ?? ''
  const [note, setNote] = useState<string | null>(null)
  const [refusal, setRefusal] = useState<string | null>(null)
  const answer = (value: GateAnswer, text = note ?? saved) => {
    const result = answerGate(doc, canvasId, {
      stage,
      question: gate.key,
      answer: value,
      note: text,
      by: name,
    })
    setRefusal(result.ok ? null : result.message)
    if (result.ok) setNote(null)
  }
  return (
    <li
      className={`project-gate${gate.open ? ' is-open' : ''}`}
      data-testid={`gate-${gate.key}`}
      data-answer={gate.record?.answer ?? 'open'}
    >
      <fieldset className="project-gate-choices">
        <legend className="project-gate-question">{gate.text}</legend>
        {GateAnswers.map((value) => (
          <label key={value} className="project-gate-choice">
            <input
              type="radio"
              name={`gate-${canvasId}-${gate.id}`}
              value={value}
              checked={gate.record?.answer === value}
              data-testid={`gate-${gate.key}-${value}`}
              onPointerDown={stopEventPropagation}
              onChange={() => answer(value)}
            />
            {answerLabels[value]}
          </label>
        ))}
      </fieldset>
      <input
        className="project-gate-note"
        aria-label={`Note on “${gate.text}”`}
        placeholder={gate.record ? 'Add a note' : 'Answer first, then add a note'}
        disabled={!gate.record}
        maxLength={NoteMax}
        value={note ?? saved}
        data-testid={`gate-${gate.key}-note`}
        onPointerDown={stopEventPropagation}
        onKeyDown={(event) => {
          event.stopPropagation()
          if (event.key === 'Enter' && gate.record) answer(gate.record.answer)
        }}
        onChange={(event) => setNote(event.target.value)}
        onBlur={() => {
          if (gate.record && note !== null && note !== saved) answer(gate.record.answer)
        }}
      />
      {refusal && (
        <p className="project-refusal" role="alert">
          {refusal}
        </p>
      )}
    </li>
  )
}
