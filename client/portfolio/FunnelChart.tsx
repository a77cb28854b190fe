import { Group } from '@visx/group'
import { scaleBand, scaleLinear } from '@visx/scale'
import { Bar } from '@visx/shape'
import type { FunnelStage } from '../../shared/api/projects'
import { stageLabel } from '../../shared/canvases/project/stages'

const Width = 560
const Row = 30
const Label = 130
const Count = 70

/**
 * Ended projects by the stage they ended in: stopped to the left of each stage's line,
 * succeeded to the right. The same counts are in the table under it for screen readers.
 */
export function FunnelChart({ funnel }: { funnel: FunnelStage[] }) {
  const height = funnel.length * Row
  const most = Math.max(1, ...funnel.map((f) => Math.max(f.succeeded, f.stopped)))
  const half = (Width - Label - Count) / 2
  const y = scaleBand({ domain: funnel.map((f) => f.stage), range: [0, height], padding: 0.25 })
  const x = scaleLinear({ domain: [0, most], range: [0, half] })
  const total = funnel.reduce((n, f) => n + f.succeeded + f.stopped, 0)
  return (
    <figure className="portfolio-funnel" data-testid="portfolio-funnel">
      <figcaption className="portfolio-funnel-title">
        Where projects ended{' '}
        <span className="portfolio-muted">
          ({total} ended: stopped to the left of each line, succeeded to the right)
        </span>
      </figcaption>
      <svg width={Width} height={height} role="img" aria-hidden="true">
        <Group left={Label}>
          {funnel.map((f) => {
            const top = y(f.stage) ?? 0
            const h = y.bandwidth()
            return (
              <g key={f.stage}>
                <text x={-8} y={top + h / 2} dy="0.35em" textAnchor="end" className="funnel-label">
                  {stageLabel(f.stage)}
                </text>
                <Bar
                  x={half - x(f.stopped)}
                  y={top}
                  width={x(f.stopped)}
                  height={h}
                  className="funnel-stopped"
                />
                <Bar
                  x={half}
                  y={top}
                  width={x(f.succeeded)}
                  height={h}
                  className="funnel-succeeded"
                />
                <line x1={half} x2={half} y1={top - 2} y2={top + h + 2} className="funnel-axis" />
              </g>
            )
          })}
        </Group>
      </svg>
      <table className="portfolio-funnel-table">
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col">Stopped</th>
            <th scope="col">Succeeded</th>
          </tr>
        </thead>
        <tbody>
          {funnel.map((f) => (
            <tr
              key={f.stage}
              data-testid={`funnel-${f.stage}`}
              data-stopped={f.stopped}
              data-succeeded={f.succeeded}
            >
              <th scope="row">{stageLabel(f.stage)}</th>
              <td>{f.stopped}</td>
              <td>{f.succeeded}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  )
}
