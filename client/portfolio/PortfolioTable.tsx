import { likelihoodWords } from '../../shared/checkins/checkin'
import type { PortfolioRow } from '../../shared/api/projects'
import { Verdicts } from '../../shared/canvases/hypothesis/verdict'
import { stageLabel } from '../../shared/canvases/project/stages'
import { Link } from '../app/router'

/** Where a project opens: its board, focused on its canvas. */
export const projectHref = (row: Pick<PortfolioRow, 'boardId' | 'projectId'>) =>
  `/b/${encodeURIComponent(row.boardId)}?canvas=${encodeURIComponent(row.projectId)}`

const statusLabels = { active: 'Active', succeeded: 'Succeeded', stopped: 'Stopped' } as const

function Hypotheses({ row }: { row: PortfolioRow }) {
  if (row.hypotheses.total === 0) return <span className="portfolio-muted">None linked</span>
  return (
    <span className="portfolio-verdicts" data-testid="portfolio-hypotheses">
      {Verdicts.filter((v) => row.hypotheses.byVerdict[v] > 0).map((v) => (
        <span key={v} className={`portfolio-verdict verdict-${v}`}>
          {row.hypotheses.byVerdict[v]} {v}
        </span>
      ))}
    </span>
  )
}

/**
 * The projects as a table: each row opens the project on its board. Check-ins arrive with a
 * later change; until then the last column says there is none.
 */
export function PortfolioTable({ rows, stale }: { rows: PortfolioRow[]; stale: boolean }) {
  return (
    <div className="card portfolio-table-wrap">
      <table className="portfolio-table" aria-busy={stale} data-testid="portfolio-table">
        <thead>
          <tr>
            <th scope="col">Project</th>
            <th scope="col">Stage</th>
            <th scope="col">Status</th>
            <th scope="col">In stage</th>
            <th scope="col">Hypotheses</th>
            <th scope="col">Last check-in</th>
            <th scope="col">Board</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={`${row.boardId}/${row.projectId}`}
              data-testid="portfolio-row"
              data-project-id={row.projectId}
              data-stage={row.stage}
              data-status={row.status}
            >
              <td>
                <Link to={projectHref(row)} data-testid="portfolio-row-link">
                  {row.title.trim() || 'Untitled project'}
                </Link>
                {row.owner && <p className="portfolio-muted">{row.owner}</p>}
              </td>
              <td data-testid="portfolio-stage">
                {stageLabel(row.stage)}
                {row.openGates > 0 && (
                  <p className="portfolio-muted">
                    {row.openGates} open {row.openGates === 1 ? 'question' : 'questions'}
                  </p>
                )}
              </td>
              <td>
                <span
                  className={`pill portfolio-status is-${row.status}`}
                  data-testid="portfolio-status"
                >
                  {statusLabels[row.status]}
                </span>
                {row.endWhy && <p className="portfolio-muted">{row.endWhy}</p>}
              </td>
              <td>{row.daysInStage === null ? '–' : `${row.daysInStage} d`}</td>
              <td>
                <Hypotheses row={row} />
              </td>
              <td data-testid="portfolio-check-in">
                {row.lastCheckIn ? (
                  `${row.lastCheckIn.at.slice(0, 10)} · ${likelihoodWords(row.lastCheckIn.likelihood)} · ${row.lastCheckIn.moving}`
                ) : (
                  <span className="portfolio-muted">No check-in yet</span>
                )}
              </td>
              <td>{row.boardTitle}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
