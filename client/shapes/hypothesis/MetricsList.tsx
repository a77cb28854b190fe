import { useRef } from 'react'
import { stopEventPropagation } from 'tldraw'
import * as Y from 'yjs'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
import { useWheelScroll } from '../canvas/useWheelScroll'
import { useYRead, useYVersion } from '../canvas/useY'
import { MetricCard } from './MetricCard'
import { addMetric } from './metricCommands'
import { LockedCriteriaNote } from './tracking/LockedCriteriaNote'
import { useCriteriaLock } from './tracking/useCriteriaLock'
import { RemovedParts } from '../../history/diff/diffAttributes'
import './MetricsList.css'

/** The metrics of a hypothesis, each agreed with a baseline and a target before it runs. */
export function MetricsList({ canvasId, canvas }: { canvasId: string; canvas: CanvasMap }) {
  const { doc, focus } = useCanvasEnvironment()
  const locked = useCriteriaLock(canvasId)
  const listRef = useRef<HTMLOListElement>(null)
  useWheelScroll(listRef)
  useYVersion(canvas)
  const array = canvas.get('metrics')
  const metrics = useYRead(array instanceof Y.Array ? array : undefined, () =>
    array instanceof Y.Array
      ? array
          .toArray()
          .filter((m): m is Y.Map<unknown> => m instanceof Y.Map && typeof m.get('id') === 'string')
      : [],
  )

  return (
    <section
      className={`canvas-box metrics-box${metrics.length > 0 ? ' has-items' : ''}`}
      aria-label="Metrics"
    >
      <header className="canvas-box-header">
        <h3 className="canvas-box-title">Metrics</h3>
        <p className="canvas-box-prompt">Record a baseline of key metrics for this hypothesis.</p>
      </header>
      <ol className="canvas-box-items metric-list" ref={listRef}>
        {metrics.map((metric) => (
          <MetricCard key={metric.get('id') as string} canvasId={canvasId} metric={metric} />
        ))}
        <RemovedParts canvasId={canvasId} where="metrics" />
      </ol>
      {locked ? (
        <LockedCriteriaNote canvasId={canvasId} />
      ) : (
        <button
          type="button"
          className="canvas-box-add"
          data-testid="add-metric"
          onPointerDown={stopEventPropagation}
          onKeyDown={(event) => event.stopPropagation()}
          onClick={() => {
            const id = addMetric(doc, canvasId)
            if (id) focus.request(id)
          }}
        >
          <span aria-hidden="true">+</span> Add metric
        </button>
      )}
    </section>
  )
}
