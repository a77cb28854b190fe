import { useState, type FormEvent } from 'react'
import { stopEventPropagation } from 'tldraw'
import { StageDefinitions, stageLabel, type Stage } from '../../../shared/canvases/project/stages'
import {
  WhyMax,
  openGateCount,
  type ProjectTracking,
} from '../../../shared/canvases/project/tracking'
import { Dialog } from '../../ui/Dialog'
import { useUiStore } from '../../state/uiStore'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { moveProject } from './projectCommands'

/**
 * Moves the project to another stage, forward or back, asking why; the move is kept with who
 * and when. It warns, without refusing, when the stage left still has open gate questions.
 */
export function MoveStageDialog({
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
    <Dialog open={open} onClose={onClose} title="Move to another stage" testId="move-stage-dialog">
      <MoveStageForm canvasId={canvasId} record={record} onDone={onClose} />
    </Dialog>
  )
}

function MoveStageForm({
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
  const currentIndex = StageDefinitions.findIndex((d) => d.stage === record.stage)
  const next = StageDefinitions[currentIndex + 1]?.stage ?? StageDefinitions[0]!.stage
  const [to, setTo] = useState<Stage>(next)
  const [why, setWhy] = useState('')
  const [refusal, setRefusal] = useState<string | null>(null)
  const open = openGateCount(record, record.stage)

  const submit = (event: FormEvent) => {
    event.preventDefault()
    const result = moveProject(doc, canvasId, { to, why, by: name })
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
      <p className="project-muted">Now in {stageLabel(record.stage)}.</p>
      <label className="dialog-field">
        <span>Move to</span>
        <select
          value={to}
          data-testid="move-stage-to"
          onChange={(event) => setTo(event.target.value as Stage)}
        >
          {StageDefinitions.filter((d) => d.stage !== record.stage).map((d) => (
            <option key={d.stage} value={d.stage}>
              {d.label}
              {StageDefinitions.indexOf(d) < currentIndex ? ' (back)' : ''}
            </option>
          ))}
        </select>
      </label>
      <label className="dialog-field">
        <span>Why</span>
        <textarea
          required
          rows={3}
          maxLength={WhyMax}
          value={why}
          data-testid="move-stage-why"
          placeholder="What did we learn that moves the project?"
          onChange={(event) => setWhy(event.target.value)}
        />
      </label>
      {open > 0 && (
        <p className="project-warning" data-testid="move-stage-open-gates">
          {open} gate {open === 1 ? 'question' : 'questions'} of {stageLabel(record.stage)}{' '}
          {open === 1 ? 'is' : 'are'} still open.
        </p>
      )}
      {refusal && (
        <p className="project-refusal" role="alert">
          {refusal}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" data-testid="move-stage-submit">
          Move
        </button>
      </div>
    </form>
  )
}
