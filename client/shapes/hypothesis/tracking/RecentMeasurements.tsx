import type { Measurement } from '../../../../shared/canvases/hypothesis/tracking'
import type { Metric } from '../../../../shared/canvases/hypothesis/metric'
import { formatValue } from './formatValue'
import { stamp } from './dates'
import './RecentMeasurements.css'

const Shown = 6

/** The latest recorded measurements, with where they came from and who recorded them. */
export function RecentMeasurements({
  measurements,
  metrics,
}: {
  measurements: readonly Measurement[]
  metrics: readonly Metric[]
}) {
  if (measurements.length === 0) return null
  const units = new Map(metrics.map((m) => [m.key, m.unit]))
  const recent = [...measurements]
    .sort((a, b) => Date.parse(b.recordedAt) - Date.parse(a.recordedAt))
    .slice(0, Shown)
  return (
    <>
      <h4 className="tracking-heading">
        Recently recorded <span className="tracking-muted">· {measurements.length} in all</span>
      </h4>
      <ol className="recent-measurements" data-testid="recent-measurements">
        {recent.map((m) => (
          <li key={m.id} className="recent-measurement">
            <code>{m.metric}</code>
            <strong>{formatValue(m.value, units.get(m.metric) ?? '')}</strong>
            {m.baseline && <span className="recent-baseline">baseline</span>}
            <span className="tracking-muted" title={`Recorded ${stamp(m.recordedAt)}`}>
              {stamp(m.at)} · {m.source ?? 'no source'}
              {m.by ? ` · ${m.by}` : ''}
            </span>
          </li>
        ))}
      </ol>
    </>
  )
}
