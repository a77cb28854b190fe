import { useState } from 'react'
import { stopEventPropagation } from 'tldraw'
import {
  StageParts,
  stageBoxKey,
  stageDefinition,
  type Stage,
} from '../../../shared/canvases/project/stages'
import { CanvasBox } from '../canvas/CanvasBox'
import { CanvasFields } from '../canvas/CanvasFields'
import { useFollowLink } from '../canvas/useFollowLink'
import type { CanvasViewProps } from '../canvasView'
import { EndProjectDialog, EndRecord } from './EndProjectDialog'
import { GateQuestions } from './GateQuestions'
import { LinkedHypotheses } from './LinkedHypotheses'
import { CheckinsSection } from '../checkins/CheckinsSection'
import { MoveLog } from './MoveLog'
import { MoveStageDialog } from './MoveStageDialog'
import { StageDates } from './StageDates'
import { StageStepper } from './StageStepper'
import { useProjectRecord } from './useProject'
import './ProjectCanvasView.css'

/**
 * A project: name, owner and problem; the stages as a stepper with the current one marked and
 * the gate questions still open; the chosen stage's purpose, dates, gate questions, goals,
 * inputs and outputs; the hypotheses it links; the moves, and how it ended.
 */
export function ProjectCanvasView({ canvasId, canvas, definition }: CanvasViewProps) {
  const record = useProjectRecord(canvas)
  const [chosen, setChosen] = useState<Stage | null>(null)
  const [dialog, setDialog] = useState<'move' | 'end' | null>(null)
  useFollowLink(canvasId)
  const shown = chosen ?? record.stage
  const stage = stageDefinition(shown)
  const boxOrder = definition.boxes.map((b) => b.key)

  return (
    <div className="canvas-stack project" data-testid="project-view" data-stage={record.stage}>
      <CanvasFields canvasId={canvasId} canvas={canvas} fields={definition.fields} />
      <div className="project-bar">
        <StageStepper record={record} shown={shown} onShow={setChosen} />
        {record.end ? (
          <EndRecord record={record} />
        ) : (
          <div className="project-actions">
            <button
              type="button"
              className="project-button is-primary"
              data-testid="move-stage-open"
              onPointerDown={stopEventPropagation}
              onClick={() => setDialog('move')}
            >
              Move stage…
            </button>
            <button
              type="button"
              className="project-button"
              data-testid="end-project-open"
              onPointerDown={stopEventPropagation}
              onClick={() => setDialog('end')}
            >
              End project…
            </button>
          </div>
        )}
      </div>
      <div className="project-body">
        <section className="project-stage" data-testid="project-stage" data-shown={shown}>
          <h3 className="project-stage-title">
            {stage.label}
            {shown === record.stage && <span className="project-current">current stage</span>}
          </h3>
          <p className="project-muted">{stage.purpose}</p>
          <StageDates canvasId={canvasId} stage={shown} record={record} />
          <GateQuestions canvasId={canvasId} stage={shown} record={record} />
        </section>
        <div className="project-parts">
          {StageParts.map((part) => {
            const box = definition.boxes.find((b) => b.key === stageBoxKey(shown, part))!
            return (
              <CanvasBox
                key={box.key}
                canvasId={canvasId}
                canvas={canvas}
                box={box}
                boxOrder={boxOrder}
              />
            )
          })}
        </div>
        <aside className="project-side">
          <LinkedHypotheses canvasId={canvasId} record={record} />
          <MoveLog record={record} />
          <CheckinsSection canvasId={canvasId} canvas={canvas} />
        </aside>
      </div>
      <MoveStageDialog
        canvasId={canvasId}
        record={record}
        open={dialog === 'move'}
        onClose={() => setDialog(null)}
      />
      <EndProjectDialog
        canvasId={canvasId}
        record={record}
        open={dialog === 'end'}
        onClose={() => setDialog(null)}
      />
    </div>
  )
}
