import * as Y from 'yjs'
import type { CanvasMap } from '../../doc/canvasMap.js'

/** Machine Learning Canvas v0.4 box names and their v1.1 keys. */
const mlV04Keys: Record<string, string> = {
  mlTask: 'predictionTask',
  collectingData: 'dataCollection',
  offlineEvaluation: 'impactSimulation',
  liveEvaluationAndMonitoring: 'monitoring',
  valuePropositions: 'valueProposition',
}

/** Version 0 (no version field) stored the Machine Learning Canvas under its v0.4 box names. */
export function migrateMlCanvas(canvas: CanvasMap, version: number) {
  if (version >= 1) return
  const boxes = canvas.get('boxes')
  if (!(boxes instanceof Y.Map)) return
  for (const [oldKey, newKey] of Object.entries(mlV04Keys)) {
    const items = boxes.get(oldKey)
    if (!(items instanceof Y.Array) || boxes.has(newKey)) continue
    const copy = new Y.Array<Y.Map<unknown>>()
    copy.insert(
      0,
      items.toArray().map((m) => (m instanceof Y.Map ? m.clone() : m)),
    )
    boxes.set(newKey, copy)
    boxes.delete(oldKey)
  }
}
