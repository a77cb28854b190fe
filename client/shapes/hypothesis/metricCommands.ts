import * as Y from 'yjs'
import { newId } from '../../../shared/canvases/baseContent'
import type { Metric } from '../../../shared/canvases/hypothesis/metric'
import { getMetricsArray, insertMetric } from '../../../shared/canvases/hypothesis/metricDoc'
import { getBoardCanvases } from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'

/** The rule for metric keys, as the schema has it. */
export const MetricKeyPattern = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/

/** Appends an empty success criterion with a free key (metric1, metric2, …). */
export function addMetric(doc: Y.Doc, canvasId: string): string | undefined {
  let id: string | undefined
  doc.transact(() => {
    const canvas = getBoardCanvases(doc).get(canvasId)
    if (!canvas) return
    const taken = new Set(
      getMetricsArray(canvas)
        .toArray()
        .map((m) => (m instanceof Y.Map ? m.get('key') : undefined)),
    )
    let n = 1
    while (taken.has(`metric${n}`)) n++
    const metric: Metric = {
      id: newId(),
      key: `metric${n}`,
      name: '',
      kind: 'success',
      unit: '',
      direction: 'increase',
      baseline: { value: null, at: null, source: null },
      target: { value: null },
      tolerance: null,
    }
    insertMetric(canvas, metric)
    id = metric.id
  }, LocalOrigin)
  return id
}

/** Sets one field of a metric (last writer wins per field). */
export function setMetricField(map: Y.Map<unknown>, key: string, value: unknown): void {
  const apply = () => map.set(key, value)
  if (map.doc) map.doc.transact(apply, LocalOrigin)
  else apply()
}

/** Removes a metric. */
export function removeMetric(doc: Y.Doc, canvasId: string, metricId: string): void {
  doc.transact(() => {
    const canvas = getBoardCanvases(doc).get(canvasId)
    if (!canvas) return
    const metrics = getMetricsArray(canvas)
    const index = metrics.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === metricId)
    if (index >= 0) metrics.delete(index, 1)
  }, LocalOrigin)
}
