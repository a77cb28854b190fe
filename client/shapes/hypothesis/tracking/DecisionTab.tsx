import { useState, type FormEvent } from 'react'
import {
  Decisions,
  type Decision,
  type HypothesisTracking,
} from '../../../../shared/canvases/hypothesis/tracking'
import { decisionLabels, verdictLabels } from '../../../tracker/trackerLabels'
import { useUiStore } from '../../../state/uiStore'
import { useCanvasEnvironment } from '../../canvas/CanvasEnvironment'
import { CanvasLink } from './CanvasLink'
import { stamp } from './dates'
import { fieldGuards } from './fieldGuards'
import { decideHypothesis } from './trackingCommands'
import './DecisionTab.css'

const meaning: Record<Decision, string> = {
  persevere: 'Keep going: the evidence backs the current course.',
  pivot: 'Change course: a new hypothesis starts from the same problem and customers.',
  stop: 'Drop it: what we learned is enough.',
}

/** The decision that closes the hypothesis, or the form to record it. */
export function DecisionTab({
  canvasId,
  tracking,
}: {
  canvasId: string
  tracking: HypothesisTracking
}) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const [choice, setChoice] = useState<Decision | null>(null)
  const [rationale, setRationale] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const { decision } = tracking

  if (decision) {
    return (
      <div
        className={`tracking-decision decision-${decision.decision}`}
        data-testid="decision-record"
        data-decision={decision.decision}
      >
        <div className="tracking-decision-head">
          <strong>{decisionLabels[decision.decision]}</strong>
          <span className="tracking-muted">
            {decision.by || 'Someone'} · <time dateTime={decision.at}>{stamp(decision.at)}</time>
          </span>
        </div>
        {decision.rationale && <p className="tracking-log-text">{decision.rationale}</p>}
        {decision.verdictAtDecision && (
          <p className="tracking-muted" data-testid="verdict-at-decision">
            Decided on the verdict {verdictLabels[decision.verdictAtDecision.verdict]}:{' '}
            {decision.verdictAtDecision.reason}
          </p>
        )}
        {tracking.successor && <CanvasLink canvasId={tracking.successor} relation="successor" />}
      </div>
    )
  }

  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!choice) return
    const result = decideHypothesis(doc, canvasId, {
      decision: choice,
      rationale,
      by: name,
      now: Date.now(),
    })
    setRefusal(result.ok ? null : result.message)
  }

  return (
    <form className="tracking-form" data-testid="decision-form" onSubmit={submit}>
      <fieldset className="tracking-choices">
        <legend className="visually-hidden">Decision</legend>
        {Decisions.map((d) => (
          <label key={d} className={`tracking-choice${choice === d ? ' is-chosen' : ''}`}>
            <input
              type="radio"
              name={`decision-${canvasId}`}
              value={d}
              checked={choice === d}
              data-testid={`decision-${d}`}
              onChange={() => setChoice(d)}
              {...fieldGuards}
            />
            <span>
              <strong>{decisionLabels[d]}</strong>
              <span className="tracking-muted">{meaning[d]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label className="tracking-field is-wide">
        <span>Rationale</span>
        <textarea
          className="tracking-textarea"
          rows={3}
          value={rationale}
          maxLength={4000}
          aria-label="Rationale"
          data-testid="decision-rationale"
          placeholder="What the data and the team's judgement say"
          onChange={(e) => setRationale(e.target.value)}
          {...fieldGuards}
        />
      </label>
      <div className="tracking-form-row">
        <span className="tracking-muted">Recorded as {name}, now. A decision is final.</span>
        <button
          type="submit"
          className="tracking-button is-primary"
          data-testid="record-decision"
          disabled={!choice}
          {...fieldGuards}
        >
          Record decision
        </button>
      </div>
      {refusal && (
        <p className="tracking-refusal" role="alert" data-testid="decision-refusal">
          {refusal}
        </p>
      )}
    </form>
  )
}
