import * as Y from 'yjs'
import {
  StepClassifications,
  Wastes,
  type StepClassification,
  type Waste,
} from '../../../shared/canvases/vsm/definition'
import type { StepTimes } from '../../../shared/canvases/vsm/figures'

/** A step as the map shows it; numbers someone else wrote badly read as 0 rather than break the sums. */
export interface StepView extends StepTimes {
  id: string
  map: Y.Map<unknown>
  name: Y.Text | undefined
  owner: Y.Text | undefined
  classification: StepClassification
  wastes: Waste[]
  parallel: boolean
}

const nonNegative = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : 0

/** The steps of one state of a value stream, in order. */
export function readSteps(array: Y.Array<unknown> | undefined): StepView[] {
  if (!array) return []
  const out: StepView[] = []
  for (const map of array.toArray()) {
    if (!(map instanceof Y.Map)) continue
    const id = map.get('id')
    if (typeof id !== 'string') continue
    const name = map.get('name')
    const owner = map.get('owner')
    const classification = map.get('classification')
    const wastes = map.get('wastes')
    const processMinutes = nonNegative(map.get('processMinutes'))
    out.push({
      id,
      map,
      name: name instanceof Y.Text ? name : undefined,
      owner: owner instanceof Y.Text ? owner : undefined,
      processMinutes,
      leadMinutes: Math.max(processMinutes, nonNegative(map.get('leadMinutes'))),
      completeAccuratePct: Math.min(100, nonNegative(map.get('completeAccuratePct'))),
      classification: StepClassifications.find((c) => c === classification) ?? 'value-adding',
      wastes: Array.isArray(wastes) ? Wastes.filter((w) => wastes.includes(w)) : [],
      parallel: map.get('parallel') === true,
    })
  }
  return out
}
