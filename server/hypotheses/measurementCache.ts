import * as Y from 'yjs'
import type { MeasurementPoint } from '../../shared/canvases/hypothesis/verdict.js'
import type { CanvasMap } from '../../shared/doc/canvasDoc.js'
import {
  MeasurementFold,
  getMeasurementsArray,
} from '../../shared/canvases/hypothesis/trackingDoc.js'

interface Entry {
  fold: MeasurementFold
  /** How many entries of the array the fold has taken in. */
  taken: number
  /** False once the array changed other than by appending at its end. */
  valid: boolean
}

/** Whether an array event only appended at the end (what ingestion and the canvas do). */
function onlyAppended(event: Y.YArrayEvent<unknown>, length: number): boolean {
  const delta = event.changes.delta
  const inserted = delta.reduce((n, d) => n + (d.insert?.length ?? 0), 0)
  if (delta.some((d) => d.delete !== undefined)) return false
  const last = delta.at(-1)
  const retained = delta.length === 2 ? (delta[0]!.retain ?? -1) : 0
  // A delta leaves out what follows the last change, so an insert is at the end only when
  // what came before it is everything that was there.
  return last?.insert !== undefined && delta.length <= 2 && retained === length - inserted
}

/**
 * Keeps, per hypothesis, the measurement ids and the latest value of each metric, taking in
 * only what was appended since the last look, so a request on a hypothesis with many
 * thousands of measurements does not re-read them all. Anything but an append at the end (a
 * delete, an insert in the middle from a concurrent client) drops the entry, and the next
 * look reads the array whole: the answer is always that of reading it whole.
 * One cache per server; entries go with their documents.
 */
export function createMeasurementCache() {
  const entries = new WeakMap<Y.Array<unknown>, Entry>()

  const entryFor = (canvas: CanvasMap): Entry | undefined => {
    const array = getMeasurementsArray(canvas)
    if (!array) return undefined
    let entry = entries.get(array)
    if (!entry || !entry.valid) {
      const fresh: Entry = { fold: new MeasurementFold(), taken: 0, valid: true }
      if (!entry) {
        array.observe((event) => {
          const current = entries.get(array)
          if (current && !onlyAppended(event, array.length)) current.valid = false
        })
      }
      entry = fresh
      entries.set(array, entry)
    }
    if (entry.taken < array.length) {
      for (const item of array.slice(entry.taken)) entry.fold.add(item)
      entry.taken = array.length
    }
    return entry
  }

  return {
    /** What is recorded on a hypothesis: whether an id is taken, and the latest values. */
    of(canvas: CanvasMap) {
      const fold = entryFor(canvas)?.fold
      return {
        has: (id: string) => fold?.ids.has(id) ?? false,
        /** How many measurements the hypothesis holds. */
        count: () => getMeasurementsArray(canvas)?.length ?? 0,
        latest: (): MeasurementPoint[] => fold?.latestPoints() ?? [],
      }
    },
  }
}

export type MeasurementCache = ReturnType<typeof createMeasurementCache>
