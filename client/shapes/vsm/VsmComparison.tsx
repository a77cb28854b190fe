import type { StreamComparison } from '../../../shared/canvases/vsm/figures'
import type { DurationUnit } from '../../../shared/canvases/vsm/durationUnit'
import { formatDuration } from './duration'
import './VsmComparison.css'

const points = (ratio: number | null) =>
  ratio === null
    ? '–'
    : `${ratio >= 0 ? '+' : '−'}${Math.abs(Math.round(ratio * 1000) / 10).toFixed(1)} pts`

/** What the future state gains over the current one. */
export function VsmComparison({
  comparison,
  unit,
}: {
  comparison: StreamComparison
  unit: DurationUnit | undefined
}) {
  const saved = comparison.leadTimeSavedMinutes
  return (
    <section
      className="vsm-comparison"
      data-testid="vsm-comparison"
      aria-label="Current versus future"
    >
      <h3 className="canvas-box-title">Current → future</h3>
      <div className={`vsm-delta${saved > 0 ? ' is-better' : saved < 0 ? ' is-worse' : ''}`}>
        <span>Lead time</span>
        <strong data-testid="lead-time-saved">
          {saved === 0
            ? 'no change'
            : `${formatDuration(Math.abs(saved), unit)} ${saved > 0 ? 'faster' : 'slower'}`}
        </strong>
      </div>
      <Delta label="Activity ratio" value={comparison.activityRatioGained} />
      <Delta label="Rolled %C&A" value={comparison.rolledCompleteAccurateGained} />
    </section>
  )
}

function Delta({ label, value }: { label: string; value: number | null }) {
  const tone = value === null || value === 0 ? '' : value > 0 ? ' is-better' : ' is-worse'
  return (
    <div className={`vsm-delta${tone}`}>
      <span>{label}</span>
      <strong>{points(value)}</strong>
    </div>
  )
}
