import * as Y from 'yjs'
import type { CanvasMap } from '../../doc/canvasMap.js'
import { existingText, getArray, readArray, syncArray } from '../../doc/yLists.js'
import { setYText, yText } from '../../doc/ytext.js'
import { MetricSchema, type Metric } from './metric.js'

/**
 * A hypothesis canvas keeps its metrics beside its boxes:
 *   metrics: Y.Array<Y.Map{ id, key, name: Y.Text, kind, unit, direction, baseline, target,
 *                           tolerance }>
 */
const MetricsKey = 'metrics'

function writeMetric(map: Y.Map<unknown>, metric: Metric) {
  map.set('id', metric.id)
  map.set('key', metric.key)
  const name = existingText(map, 'name')
  if (name) setYText(name, metric.name)
  else map.set('name', yText(metric.name))
  map.set('kind', metric.kind)
  map.set('unit', metric.unit)
  map.set('direction', metric.direction)
  map.set('baseline', metric.baseline)
  map.set('target', metric.target)
  map.set('tolerance', metric.tolerance)
}

/** The metrics Y.Array of a hypothesis canvas, created on first use. */
export const getMetricsArray = (canvas: CanvasMap) => getArray(canvas, MetricsKey)

/** Replaces the metrics, keeping the maps (and name texts) of metrics whose id is kept. */
export const setMetrics = (canvas: CanvasMap, metrics: readonly Metric[]) =>
  syncArray(getMetricsArray(canvas), metrics, writeMetric)

/** The metrics that validate. */
export const readMetrics = (canvas: CanvasMap): Metric[] =>
  readArray(canvas, MetricsKey, (v) => MetricSchema.safeParse(v).data)

/** Appends a metric to a hypothesis canvas. */
export function insertMetric(canvas: CanvasMap, metric: Metric): void {
  const map = new Y.Map<unknown>()
  writeMetric(map, metric)
  getMetricsArray(canvas).push([map])
}
