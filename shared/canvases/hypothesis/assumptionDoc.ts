import * as Y from 'yjs'
import type { CanvasMap } from '../../doc/canvasMap.js'
import { existingText, getArray, readArray, syncArray } from '../../doc/yLists.js'
import { setYText, yText } from '../../doc/ytext.js'
import { AssumptionSchema, type Assumption, type AssumptionState } from './assumption.js'

/**
 * A hypothesis canvas keeps its assumptions beside its metrics, riskiest first:
 *   assumptions: Y.Array<Y.Map{ id, text: Y.Text, state }>
 * Old canvases have none: reading one gives an empty list and creates nothing.
 */
const AssumptionsKey = 'assumptions'

function writeAssumption(map: Y.Map<unknown>, assumption: Assumption) {
  map.set('id', assumption.id)
  const text = existingText(map, 'text')
  if (text) setYText(text, assumption.text)
  else map.set('text', yText(assumption.text))
  map.set('state', assumption.state)
}

/** The assumptions Y.Array of a hypothesis canvas, created on first use. */
export const getAssumptionsArray = (canvas: CanvasMap) => getArray(canvas, AssumptionsKey)

/** Replaces the assumptions, keeping the maps (and texts) of those whose id is kept. */
export const setAssumptions = (canvas: CanvasMap, assumptions: readonly Assumption[]) =>
  syncArray(getAssumptionsArray(canvas), assumptions, writeAssumption)

/** The assumptions that validate, riskiest first. */
export const readAssumptions = (canvas: CanvasMap): Assumption[] =>
  readArray(canvas, AssumptionsKey, (v) => AssumptionSchema.safeParse(v).data)

/** Appends an untested assumption (the least risky until someone ranks it). */
export function insertAssumption(canvas: CanvasMap, assumption: Assumption): void {
  const map = new Y.Map<unknown>()
  writeAssumption(map, assumption)
  getAssumptionsArray(canvas).push([map])
}

const indexOf = (array: Y.Array<Y.Map<unknown>>, id: string) =>
  array.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === id)

/** Marks an assumption untested, holding or broken (last writer wins). */
export function setAssumptionState(canvas: CanvasMap, id: string, state: AssumptionState) {
  const array = getAssumptionsArray(canvas)
  const i = indexOf(array, id)
  if (i >= 0) array.get(i).set('state', state)
}

/** Moves an assumption one place riskier (-1) or less risky (+1). */
export function moveAssumption(canvas: CanvasMap, id: string, by: -1 | 1) {
  const list = readAssumptions(canvas)
  const i = list.findIndex((a) => a.id === id)
  const j = i + by
  if (i < 0 || j < 0 || j >= list.length) return
  ;[list[i], list[j]] = [list[j]!, list[i]!]
  setAssumptions(canvas, list)
}

/** Removes an assumption. */
export function removeAssumption(canvas: CanvasMap, id: string) {
  const array = getAssumptionsArray(canvas)
  const i = indexOf(array, id)
  if (i >= 0) array.delete(i, 1)
}
