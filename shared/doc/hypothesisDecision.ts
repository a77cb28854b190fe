import type * as Y from 'yjs'
import type { DecisionRecord } from '../canvases/hypothesis/tracking.js'
import { newId, type CanvasContent } from '../canvases/schema.js'
import { emptyCanvas, writeCanvas, type CanvasMap } from './canvasDoc.js'
import { setDecision, setLink, setStatus } from './hypothesisDoc.js'

const TitleMax = 200
const PivotSuffix = ' (pivot)'

/**
 * The successor a pivot creates: a new draft hypothesis titled "… (pivot)" with the problem
 * and customers items carried over (fresh ids, the same texts).
 */
export function pivotSuccessor(content: CanvasContent, id = newId()): CanvasContent {
  const title = `${content.title.slice(0, TitleMax - PivotSuffix.length)}${PivotSuffix}`
  const successor = emptyCanvas('hypothesis', title, id)
  const carry = (key: string) =>
    (content.boxes[key] ?? []).map((i) => ({ id: newId(), text: i.text }))
  successor.boxes.problem = carry('problem')
  successor.boxes.customers = carry('customers')
  return successor
}

/**
 * Writes a decision and closes the hypothesis; a pivot also writes its successor canvas and
 * links the two both ways. Returns the successor's id (null unless a pivot). The checks are
 * `decisionRefusal`'s; run this inside the caller's transaction so every screen sees it whole.
 */
export function writeDecision(
  doc: Y.Doc,
  canvas: CanvasMap,
  content: CanvasContent,
  record: DecisionRecord,
): string | null {
  setDecision(canvas, record)
  setStatus(canvas, 'decided')
  if (record.decision !== 'pivot') return null
  const successor = pivotSuccessor(content)
  const map = writeCanvas(doc, successor)
  setLink(map, 'predecessor', content.id)
  setLink(canvas, 'successor', successor.id)
  return successor.id
}
