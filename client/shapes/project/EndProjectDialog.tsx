import { useState, type FormEvent } from 'react'
import { stopEventPropagation } from 'tldraw'
import { stageLabel } from '../../../shared/canvases/project/stages'
import {
  Outcomes,
  WhyMax,
  type Outcome,
  type ProjectTracking,
} from '../../../shared/canvases/project/tracking'
import { Dialog } from '../../ui/Dialog'
import { useUiStore } from '../../state/uiStore'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { endProject } from './projectCommands'

const outcomeLabels: Record<Outcome, string> = { succeeded: 'Succeeded', stopped: 'Stopped' }

/** Ends the project as succeeded or stopped, in the stage it is in, asking why. */
export function EndProjectDialog({
  canvasId,
  record,
  open,
  onClose,
}: {
  canvasId: string
  record: ProjectTracking
  open: boolean
  onClose: () => void
}) {
  return (
    <Dialog open={open} onClose={onClose} title="End the project" testId="end-project-dialog">
      <EndForm canvasId={canvasId} record={record} onDone={onClose} />
    </Dialog>
  )
}

function EndForm({
  canvasId,
  record,
  onDone,
}: {
  canvasId: string
  record: ProjectTracking
  onDone: () => void
}) {
  const { doc } = useCanvasEnvironment()
  const name = useUiStore((s) => s.name)
  const [outcome, setOutcome] = useState<Outcome>('stopped')
  const [why, setWhy] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = endProject(doc, canvasId, { outcome, why, by: name })
    if (result.ok) onDone()
    else setRefusal(result.message)
  }
  return (
    <form
      className="dialog-form"
      onSubmit={submit}
      onPointerDown={stopEventPropagation}
      onKeyDown={(event) => event.stopPropagation()}
    >
      <p className="project-muted">It ends in {stageLabel(record.stage)}, once.</p>
      <fieldset className="project-outcomes">
        <legend>Outcome</legend>
        {Outcomes.map((o) => (
          <label key={o}>
            <input
              type="radio"
              name={`outcome-${canvasId}`}
              value={o}
              checked={outcome === o}
              data-testid={`end-project-${o}`}
              onChange={() => setOutcome(o)}
            />
            {outcomeLabels[o]}
          </label>
        ))}
      </fieldset>
      <label className="dialog-field">
        <span>Why</span>
        <textarea
          required
          rows={3}
          maxLength={WhyMax}
          value={why}
          data-testid="end-project-why"
          onChange={(event) => setWhy(event.target.value)}
        />
      </label>
      {refusal && (
        <p className="project-refusal" role="alert">
          {refusal}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid="end-project-submit">
          End project
        </button>
      </div>
    </form>
  )
}

/** How the project ended, in place of the actions. */
export function EndRecord({ record }: { record: ProjectTracking }) {
  const end = record.end
  if (!end) return null
  return (
    <p
      className={`project-end is-${end.outcome}`}
      data-testid="project-end"
      data-outcome={end.outcome}
    >
      <strong>{outcomeLabels[end.outcome]}</strong> in {stageLabel(end.stage)} ·{' '}
      <span className="project-muted">
        {end.by || 'Someone'}, {end.at.slice(0, 10)}
      </span>
      : {end.why}
    </p>
  )
}
