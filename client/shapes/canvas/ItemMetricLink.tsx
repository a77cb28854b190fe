import { useState } from 'react'
import * as Y from 'yjs'
import { stopEventPropagation } from 'tldraw'
import {
  linkableMetrics,
  linkedMetricStanding,
} from '../../../shared/canvases/hypothesis/linkedMetric'
import type { MetricState } from '../../../shared/canvases/hypothesis/verdict'
import {
  getBoardCanvases,
  readItemMetricLink,
  setItemMetricLink,
} from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'
import { verdictLabels } from '../../tracker/trackerLabels'
import { useCanvasEnvironment } from './CanvasEnvironment'
import { useYRead, useYVersion } from './useY'
import './ItemMetricLink.css'

const stateWords: Record<MetricState, string> = {
  met: 'meets target',
  missed: 'short of target',
  'no-data': 'no data yet',
  breached: 'breached',
  'within-tolerance': 'within tolerance',
  tracked: 'tracked',
}

const formatValue = (value: number, unit: string) => {
  const text = String(Number(value.toFixed(3)))
  return unit === '' ? text : unit === '%' ? `${text} %` : `${text} ${unit}`
}

/**
 * An item's link to a hypothesis metric (Lean key metrics, ML monitoring): the metric's latest
 * value and verdict, read live from the board's document, so a measurement posted to the
 * hypothesis shows here at once; and a picker to link or unlink.
 */
export function ItemMetricLink({ item }: { item: Y.Map<unknown> }) {
  const { doc } = useCanvasEnvironment()
  const [picking, setPicking] = useState(false)
  // The time the verdict is judged at: a time box ending while the board is open shows on the
  // hypothesis itself; here it shows on the next change.
  const [now] = useState(() => Date.now())
  const link = useYRead(item, () => readItemMetricLink(item))
  const canvases = getBoardCanvases(doc)
  // Rendered again when a canvas comes or goes, and when anything of the linked one changes
  // (a measurement, a renamed metric): what is shown is read below, from the document.
  useYVersion(canvases)
  const target = link ? canvases.get(link.canvasId) : undefined
  useYVersion(target instanceof Y.Map ? target : undefined, true)
  const standing = link ? linkedMetricStanding(doc, link, now) : undefined
  const write = (next: { canvasId: string; metricKey: string } | null) =>
    doc.transact(() => setItemMetricLink(item, next), LocalOrigin)

  if (link && standing && !picking) {
    return (
      <div
        className="item-metric"
        data-testid="item-metric"
        data-state={standing.found ? standing.state : 'missing'}
        role="status"
      >
        {standing.found ? (
          <>
            <span className="item-metric-name">
              {standing.hypothesisTitle} › {standing.metricName}
            </span>
            <strong className="item-metric-value" data-testid="item-metric-value">
              {standing.latest === null ? '–' : formatValue(standing.latest, standing.unit)}
            </strong>
            <span className="item-metric-state" data-testid="item-metric-state">
              {stateWords[standing.state]} · {verdictLabels[standing.verdict].toLowerCase()}
            </span>
          </>
        ) : (
          <span className="item-metric-missing">{standing.reason}</span>
        )}
        <button
          type="button"
          className="item-metric-unlink"
          aria-label="Unlink the metric"
          title="Unlink the metric"
          onPointerDown={stopEventPropagation}
          onClick={() => write(null)}
        >
          ×
        </button>
      </div>
    )
  }
  if (!picking) {
    return (
      <button
        type="button"
        className="item-metric-link"
        data-testid="link-metric"
        onPointerDown={stopEventPropagation}
        onClick={() => setPicking(true)}
      >
        Link a hypothesis metric
      </button>
    )
  }
  const options = linkableMetrics(doc)
  return (
    <select
      className="item-metric-picker"
      aria-label="Hypothesis metric to link"
      data-testid="metric-picker"
      value=""
      autoFocus
      onPointerDown={stopEventPropagation}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Escape') setPicking(false)
      }}
      onBlur={() => setPicking(false)}
      onChange={(event) => {
        const chosen = options.find((o) => `${o.canvasId}/${o.metricKey}` === event.target.value)
        if (chosen) write({ canvasId: chosen.canvasId, metricKey: chosen.metricKey })
        setPicking(false)
      }}
    >
      <option value="">
        {options.length === 0 ? 'No hypothesis with metrics on this board' : 'Choose a metric…'}
      </option>
      {options.map((o) => (
        <option key={`${o.canvasId}/${o.metricKey}`} value={`${o.canvasId}/${o.metricKey}`}>
          {o.title} › {o.name}
        </option>
      ))}
    </select>
  )
}
