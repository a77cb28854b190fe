import type * as Y from 'yjs'
import type { AssumptionState } from '../../../../shared/canvases/hypothesis/assumption'
import {
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

/** Adds an untested assumption at the end (the least risky until someone ranks it). */
export function addAssumption(doc: Y.Doc, canvasId: string): string {
  const id = newId()
  onCanvas(doc, canvasId, (c) => insertAssumption(c, { id, text: '', state: 'untested' }))
  return id
}

export const markAssumption = (doc: Y.Doc, canvasId: string, id: string, state: AssumptionState) =>
  onCanvas(doc, canvasId, (c) => setAssumptionState(c, id, state))

/** Moves an assumption one place riskier (-1) or less risky (+1). */
export const rankAssumption = (doc: Y.Doc, canvasId: string, id: string, by: -1 | 1) =>
  onCanvas(doc, canvasId, (c) => moveAssumption(c, id, by))

export const deleteAssumption = (doc: Y.Doc, canvasId: string, id: string) =>
  onCanvas(doc, canvasId, (c) => removeAssumption(c, id))
