import { stopEventPropagation } from 'tldraw'
import type { Stage } from '../../../shared/canvases/project/stages'
import {
  StageDateKeys,
  noDates,
  type ProjectTracking,
  type StageDateKey,
} from '../../../shared/canvases/project/tracking'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { setStageDate } from './projectCommands'

const labels: Record<StageDateKey, string> = {
  estimatedStart: 'Estimated start',
  estimatedEnd: 'Estimated end',
  actualStart: 'Actual start',
  actualEnd: 'Actual end',
}

/** A stage's estimated and actual dates; moves fill the actual ones, anyone may correct them. */
export function StageDates({
  canvasId,
  stage,
  record,
}: {
  canvasId: string
  stage: Stage
  record: ProjectTracking
}) {
  const { doc } = useCanvasEnvironment()
  const dates = record.dates[stage] ?? noDates()
  return (
    <div className="project-dates" data-testid="project-dates">
      {StageDateKeys.map((key) => (
        <label key={key} className="project-date">
          <span className="project-muted">{labels[key]}</span>
          <input
            type="date"
            value={dates[key] ?? ''}
            data-testid={`stage-date-${key}`}
            onPointerDown={stopEventPropagation}
            onKeyDown={stopEventPropagation}
            onChange={(event) =>
              setStageDate(doc, canvasId, { stage, key, day: event.target.value || null })
            }
          />
        </label>
      ))}
    </div>
  )
}
