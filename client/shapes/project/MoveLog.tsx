import { stageLabel } from '../../../shared/canvases/project/stages'
import type { ProjectTracking } from '../../../shared/canvases/project/tracking'

/** Every move between stages, newest first: who, when and why. */
export function MoveLog({ record }: { record: ProjectTracking }) {
  return (
    <section className="project-moves" aria-label="Stage moves">
      <h4 className="project-heading">Moves</h4>
      {record.moves.length === 0 ? (
        <p className="project-muted">No move yet.</p>
      ) : (
        <ol className="project-move-list" data-testid="project-moves" reversed>
          {[...record.moves].reverse().map((m, i) => (
            <li key={`${m.at}-${i}`} className="project-move" data-testid="project-move">
              <strong>
                {stageLabel(m.from)} → {stageLabel(m.to)}
              </strong>{' '}
              <span className="project-muted">
                {m.by || 'Someone'}, <time dateTime={m.at}>{m.at.slice(0, 10)}</time>
              </span>
              <p className="project-move-why">{m.why}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  )
}
