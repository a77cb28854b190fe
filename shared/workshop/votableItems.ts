import type * as Y from 'yjs'
import { getCanvasDefinition } from '../canvases/registry.js'
import { readAllCanvases } from '../doc/canvasDoc.js'
import { decodeRecord, getTldrawRecords } from '../doc/layout.js'
import { richTextToPlain } from '../doc/richText.js'
import type { Scope } from './voting.js'

/** Something people can vote on: a canvas item or a sticky note, with a label to rank it by. */
export interface VotableItem {
  id: string
  label: string
  /** Where it sits: the canvas title and box, or "Sticky note". */
  place: string
}

interface ShapeLike {
  id: string
  type: string
  parentId: string
  props?: { canvasId?: unknown; richText?: unknown }
}

const isShape = (v: unknown): v is ShapeLike =>
  typeof v === 'object' &&
  v !== null &&
  (v as { typeName?: unknown }).typeName === 'shape' &&
  typeof (v as { id?: unknown }).id === 'string' &&
  typeof (v as { type?: unknown }).type === 'string' &&
  typeof (v as { parentId?: unknown }).parentId === 'string'

/**
 * Every item a vote on `scope` covers, in board order: canvas items box by box, then sticky
 * notes. A frame covers the notes and canvases placed inside it.
 */
export function votableItems(doc: Y.Doc, scope: Scope): VotableItem[] {
  const shapes: ShapeLike[] = []
  for (const value of getTldrawRecords(doc).values()) {
    const record = decodeRecord(value)
    if (isShape(record)) shapes.push(record)
  }
  const inFrame = (shape: ShapeLike) => scope.kind === 'frame' && shape.parentId === scope.shapeId
  const canvasIdsInFrame = new Set(
    shapes
      .filter(inFrame)
      .map((s) => s.props?.canvasId)
      .filter((id) => typeof id === 'string'),
  )
  const items: VotableItem[] = []
  for (const canvas of readAllCanvases(doc)) {
    const covered =
      scope.kind === 'board' ||
      (scope.kind === 'canvas' && scope.canvasId === canvas.id) ||
      (scope.kind === 'frame' && canvasIdsInFrame.has(canvas.id))
    if (!covered) continue
    for (const box of getCanvasDefinition(canvas.kind).boxes) {
      for (const item of canvas.boxes[box.key] ?? []) {
        items.push({ id: item.id, label: item.text, place: `${canvas.title} · ${box.label}` })
      }
    }
  }
  if (scope.kind !== 'canvas') {
    for (const shape of shapes) {
      if (shape.type !== 'note' || (scope.kind === 'frame' && !inFrame(shape))) continue
      items.push({
        id: shape.id,
        label: richTextToPlain(shape.props?.richText),
        place: 'Sticky note',
      })
    }
  }
  return items
}
