import type * as Y from 'yjs'
import {
  MaxAssumptions,
  type AssumptionState,
} from '../../../../shared/canvases/hypothesis/assumption'
import {
  getAssumptionsArray,
  insertAssumption,
  moveAssumption,
  removeAssumption,
  setAssumptionState,
} from '../../../../shared/canvases/hypothesis/assumptionDoc'
import { newId } from '../../../../shared/canvases/schema'
import { getBoardCanvases, type CanvasMap } from '../../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../../shared/doc/layout'

/** Runs `edit` on the canvas in one local transaction; nothing when the canvas is gone. */
function onCanvas(doc: Y.Doc, canvasId: string, edit: (canvas: CanvasMap) => void) {
  doc.transact(() => {
    const canvas = getBoardCanvases(doc).get(canvasId)
    if (canvas) edit(canvas)
  }, LocalOrigin)
}

/**
 * Adds an untested assumption at the end (the least risky until someone ranks it); null when
 * the hypothesis has as many as the API takes.
 */
export function addAssumption(doc: Y.Doc, canvasId: string): string | null {
  const id = newId()
  let added = false
  onCanvas(doc, canvasId, (c) => {
    if (getAssumptionsArray(c).length >= MaxAssumptions) return
    insertAssumption(c, { id, text: '', state: 'untested' })
    added = true
  })
  return added ? id : null
}

export const markAssumption = (doc: Y.Doc, canvasId: string, id: string, state: AssumptionState) =>
  onCanvas(doc, canvasId, (c) => setAssumptionState(c, id, state))

/** Moves an assumption one place riskier (-1) or less risky (+1). */
export const rankAssumption = (doc: Y.Doc, canvasId: string, id: string, by: -1 | 1) =>
  onCanvas(doc, canvasId, (c) => moveAssumption(c, id, by))

export const deleteAssumption = (doc: Y.Doc, canvasId: string, id: string) =>
  onCanvas(doc, canvasId, (c) => removeAssumption(c, id))
