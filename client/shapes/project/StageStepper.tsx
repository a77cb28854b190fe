import { stopEventPropagation } from 'tldraw'
import { StageDefinitions, type Stage } from '../../../shared/canvases/project/stages'
import { openGateCount, type ProjectTracking } from '../../../shared/canvases/project/tracking'

/**
 * The stages in order: the one the project is in marked as current, each with its open gate
 * questions. Choosing a stage shows its details below; it never moves the project.
 */
export function StageStepper({
  record,
  shown,
  onShow,
}: {
  record: ProjectTracking
  shown: Stage
  onShow: (stage: Stage) => void
}) {
  const current = record.stage
  const currentIndex = StageDefinitions.findIndex((d) => d.stage === current)
  return (
    <ol className="project-stepper" data-testid="project-stepper" aria-label="Stages">
      {StageDefinitions.map((d, i) => {
        const open = openGateCount(record, d.stage)
        const isCurrent = d.stage === current
        const state = isCurrent ? 'current' : i < currentIndex ? 'past' : 'later'
        return (
          <li key={d.stage} className={`project-step is-${state}`}>
            <button
              type="button"
              className={`project-step-button${shown === d.stage ? ' is-shown' : ''}`}
              data-testid={`project-step-${d.stage}`}
              data-state={state}
              aria-current={isCurrent ? 'step' : undefined}
              aria-pressed={shown === d.stage}
              onPointerDown={stopEventPropagation}
              onClick={() => onShow(d.stage)}
            >
              <span className="project-step-number" aria-hidden="true">
                {i + 1}
              </span>
              <span className="project-step-label">{d.label}</span>
              {d.gates.length > 0 && (
                <span
                  className={`project-step-open${open === 0 ? ' is-clear' : ''}`}
                  data-testid={`project-step-open-${d.stage}`}
                >
                  {open === 0 ? 'gates answered' : `${open} open`}
                </span>
              )}
            </button>
          </li>
        )
      })}
    </ol>
  )
}
