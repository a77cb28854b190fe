import * as Y from 'yjs'
import type { CanvasMap } from '../../doc/canvasMap.js'
import { existingText, getArray, readArray, syncArray } from '../../doc/yLists.js'
import { setYText, yText } from '../../doc/ytext.js'
import { DurationUnits, type DurationUnit } from './durationUnit.js'
import { StepSchema, type Step, type StreamState } from './step.js'

/**
 * A value-stream map keeps its steps beside its fields, one list per state:
 *   current, future: Y.Array<Y.Map{ id, name: Y.Text, owner: Y.Text, processMinutes,
 *                                   leadMinutes, completeAccuratePct, classification, wastes }>
 */
function writeStep(map: Y.Map<unknown>, step: Step) {
  map.set('id', step.id)
  for (const key of ['name', 'owner'] as const) {
    const text = existingText(map, key)
    if (text) setYText(text, step[key])
    else map.set(key, yText(step[key]))
  }
  map.set('processMinutes', step.processMinutes)
  map.set('leadMinutes', step.leadMinutes)
  map.set('completeAccuratePct', step.completeAccuratePct)
  map.set('classification', step.classification)
  map.set('wastes', [...step.wastes])
  if (step.parallel) map.set('parallel', true)
  else if (map.has('parallel')) map.delete('parallel')
}

/** The steps Y.Array of one state, created on first use. */
export const getStepsArray = (canvas: CanvasMap, state: StreamState) => getArray(canvas, state)

/** Replaces the steps of a state, keeping the maps (and texts) of steps whose id is kept. */
export const setSteps = (canvas: CanvasMap, state: StreamState, steps: readonly Step[]) =>
  syncArray(getStepsArray(canvas, state), steps, writeStep)

/** The steps of a state that validate. */
export const readSteps = (canvas: CanvasMap, state: StreamState): Step[] =>
  readArray(canvas, state, (v) => {
    const step = StepSchema.safeParse(v).data
    if (!step || step.parallel) return step
    // `parallel: false` (unticked on a screen) reads as absent, as the export writes it.
    const { parallel: _, ...sequential } = step
    return sequential
  })

const DisplayUnitKey = 'displayUnit'

/** The unit a map's durations are shown in, if the team chose one. */
export const readDisplayUnit = (canvas: CanvasMap): DurationUnit | undefined =>
  DurationUnits.find((u) => u === canvas.get(DisplayUnitKey))

/** Sets the unit a map's durations are shown in, or goes back to each duration's best units. */
export function setDisplayUnit(canvas: CanvasMap, unit: DurationUnit | null): void {
  if (unit) canvas.set(DisplayUnitKey, unit)
  else if (canvas.has(DisplayUnitKey)) canvas.delete(DisplayUnitKey)
}

/** Appends a step to one state of a value-stream map, or inserts it at `index`. */
export function insertStep(
  canvas: CanvasMap,
  state: StreamState,
  step: Step,
  index?: number,
): void {
  const map = new Y.Map<unknown>()
  writeStep(map, step)
  const steps = getStepsArray(canvas, state)
  steps.insert(index === undefined ? steps.length : Math.max(0, Math.min(index, steps.length)), [
    map,
  ])
}
