import * as Y from 'yjs'
import { CanvasVersion } from '../canvases/schema.js'

/** Machine Learning Canvas v0.4 box names and their v1.1 keys. */
const mlV04Keys: Record<string, string> = {
  mlTask: 'predictionTask',
  collectingData: 'dataCollection',
  offlineEvaluation: 'impactSimulation',
  liveEvaluationAndMonitoring: 'monitoring',
  valuePropositions: 'valueProposition',
}

/**
 * Brings a canvas written by an older version up to the current layout, in place. Version 0
 * (no version field) stored the Machine Learning Canvas under its v0.4 box names.
 */
export function migrateCanvasMap(canvas: Y.Map<unknown>) {
  const version = typeof canvas.get('version') === 'number' ? (canvas.get('version') as number) : 0
  if (version >= CanvasVersion) return
  const apply = () => {
    if (version < 1 && canvas.get('kind') === 'ml') {
      const boxes = canvas.get('boxes')
      if (boxes instanceof Y.Map) {
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
    }
    canvas.set('version', CanvasVersion)
  }
  // Migrate inside a transaction when the map is in a document; a migration is a real edit.
  if (canvas.doc) canvas.doc.transact(apply)
  else apply()
}
