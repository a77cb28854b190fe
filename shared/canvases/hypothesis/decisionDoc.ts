import type * as Y from 'yjs'
import { hypothesisCanvas } from './definition.js'
import type { DecisionRecord } from './tracking.js'
import { newId, type CanvasContent } from '../schema.js'
import { emptyCanvas, writeCanvas, type CanvasMap } from '../../doc/canvasDoc.js'
import { readTracking, setDecision, setLink, setStatus } from './trackingDoc.js'
import { verdictToKeep } from './standing.js'

const TitleMax = 200
const PivotSuffix = ' (pivot)'

const IdAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * The id of the hypothesis a pivot of `predecessorId` creates. It follows from the predecessor,
 * so two people pivoting at the same moment on two screens write one successor (the document
 * keeps one of the two writes) rather than two.
 */
export function successorId(predecessorId: string): string {
  // Three FNV-1a hashes with different seeds, four characters (24 bits) from each: 72 bits.
  const fnv = (seed: number) => {
    let h = seed
    for (const c of `pivot:${predecessorId}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
    return h
  }
  let id = ''
  for (const seed of [0x811c9dc5, 0x050c5d1f, 0x1b873593]) {
    const h = fnv(seed)
    for (let shift = 0; shift < 24; shift += 6) id += IdAlphabet[(h >>> shift) & 63]
  }
  return id
}

/**
 * The successor a pivot creates: a new draft hypothesis titled "… (pivot)" with the problem
 * and customers items carried over (fresh ids, the same texts).
 */
export function pivotSuccessor(
  content: CanvasContent,
  id = successorId(content.id),
): CanvasContent {
  const title = `${content.title.slice(0, TitleMax - PivotSuffix.length)}${PivotSuffix}`
  const successor = emptyCanvas(hypothesisCanvas.kind, title, id)
  const carry = (key: string) =>
    (content.boxes[key] ?? []).map((i) => ({ id: newId(), text: i.text }))
  successor.boxes.problem = carry('problem')
  successor.boxes.customers = carry('customers')
  return successor
}

/**
 * Writes a decision, with the verdict it was made on, and closes the hypothesis; a pivot also
 * writes its successor canvas and links the two both ways. Returns the successor's id (null unless a pivot). The checks are
 * `decisionRefusal`'s; run this inside the caller's transaction so every screen sees it whole.
 */
export function writeDecision(
  doc: Y.Doc,
  canvas: CanvasMap,
  content: CanvasContent,
  record: DecisionRecord,
): string | null {
  const tracking = readTracking(canvas)
  const metrics = content.metrics ?? []
  const verdictAtDecision = verdictToKeep(
    metrics,
    tracking.measurements,
    tracking,
    Date.parse(record.at),
  )
  setDecision(canvas, { ...record, verdictAtDecision })
  setStatus(canvas, 'decided')
  if (record.decision !== 'pivot') return null
  const successor = pivotSuccessor(content)
  const map = writeCanvas(doc, successor)
  setLink(map, 'predecessor', content.id)
  setLink(canvas, 'successor', successor.id)
  return successor.id
}
