import * as Y from 'yjs'
import { newId } from '../../../shared/canvases/baseContent'
import type { Step, StreamState } from '../../../shared/canvases/vsm/step'
import { getStepsArray, insertStep } from '../../../shared/canvases/vsm/stepDoc'
import { getBoardCanvases } from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'
import type { StepView } from './readSteps'

export type { StreamState }

const stepsOf = (doc: Y.Doc, canvasId: string, state: StreamState) => {
  const canvas = getBoardCanvases(doc).get(canvasId)
  return canvas ? getStepsArray(canvas, state) : undefined
}

/** Adds a step at the end of a state; returns its id. */
export function addStep(doc: Y.Doc, canvasId: string, state: StreamState): string | undefined {
  let id: string | undefined
  doc.transact(() => {
    const canvas = getBoardCanvases(doc).get(canvasId)
    if (!canvas) return
    const step: Step = {
      id: newId(),
      name: '',
      owner: '',
      processMinutes: 0,
      leadMinutes: 0,
      completeAccuratePct: 100,
      classification: 'value-adding',
      wastes: [],
    }
    insertStep(canvas, state, step)
    id = step.id
  }, LocalOrigin)
  return id
}

/**
 * Sets a number of a step. The field checked it against the step's other time first
 * (stepFieldCheck.ts): no other field is changed to make it fit.
 */
export function setStepTime(
  map: Y.Map<unknown>,
  key: 'processMinutes' | 'leadMinutes' | 'completeAccuratePct',
  value: number,
): void {
  map.doc?.transact(() => map.set(key, value), LocalOrigin)
}

/** Marks a step as running beside the step before it, or not. */
export function setStepParallel(map: Y.Map<unknown>, parallel: boolean): void {
  map.doc?.transact(() => {
    if (parallel) map.set('parallel', true)
    else map.delete('parallel')
  }, LocalOrigin)
}

/** Sets a plain value of a step (classification, waste tags). */
export function setStepValue(
  map: Y.Map<unknown>,
  key: 'classification' | 'wastes',
  value: unknown,
) {
  map.doc?.transact(() => map.set(key, value), LocalOrigin)
}

/** Removes a step. */
export function removeStep(doc: Y.Doc, canvasId: string, state: StreamState, stepId: string) {
  doc.transact(() => {
    const steps = stepsOf(doc, canvasId, state)
    const index =
      steps?.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === stepId) ?? -1
    if (index >= 0) steps?.delete(index, 1)
  }, LocalOrigin)
}

/** Moves a step one place left or right (a copy, as Yjs types cannot be re-inserted). */
export function shiftStep(
  doc: Y.Doc,
  canvasId: string,
  state: StreamState,
  step: StepView,
  by: -1 | 1,
) {
  doc.transact(() => {
    const canvas = getBoardCanvases(doc).get(canvasId)
    const steps = stepsOf(doc, canvasId, state)
    if (!canvas || !steps) return
    const index = steps.toArray().findIndex((m) => m === step.map)
    const to = index + by
    if (index < 0 || to < 0 || to >= steps.length) return
    steps.delete(index, 1)
    insertStep(
      canvas,
      state,
      {
        id: step.id,
        name: step.name?.toString() ?? '',
        owner: step.owner?.toString() ?? '',
        processMinutes: step.processMinutes,
        leadMinutes: step.leadMinutes,
        completeAccuratePct: step.completeAccuratePct,
        classification: step.classification,
        wastes: step.wastes,
        ...(step.parallel && { parallel: true as const }),
      },
      to,
    )
  }, LocalOrigin)
}
