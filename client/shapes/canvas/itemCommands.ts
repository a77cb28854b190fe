import type * as Y from 'yjs'
import {
  deleteItem,
  findItemIndex,
  getBoardCanvases,
  getBoxItems,
  insertItem,
  moveItem,
  type CanvasMap,
  type ItemAuthor,
} from '../../../shared/doc/canvasDoc'
import { LocalOrigin } from '../../../shared/doc/layout'

/** A box of a canvas on the board. */
export interface BoxRef {
  canvasId: string
  boxKey: string
}

const canvasOf = (doc: Y.Doc, canvasId: string): CanvasMap | undefined => {
  const canvas = getBoardCanvases(doc).get(canvasId)
  return canvas && canvas.doc ? canvas : undefined
}

/**
 * Adds an item at `index` of a box (the end when omitted), recording its author when given
 * (private mode needs it); returns its id.
 */
export function addItem(
  doc: Y.Doc,
  box: BoxRef,
  index = Infinity,
  text = '',
  author?: ItemAuthor,
): string | undefined {
  let id: string | undefined
  doc.transact(() => {
    const canvas = canvasOf(doc, box.canvasId)
    if (!canvas) return
    const at = Number.isFinite(index) ? index : getBoxItems(canvas, box.boxKey).length
    id = insertItem(canvas, box.boxKey, at, text, author)
  }, LocalOrigin)
  return id
}

/** Adds an item right after another one; returns its id. */
export function addItemAfter(
  doc: Y.Doc,
  box: BoxRef,
  itemId: string,
  author?: ItemAuthor,
): string | undefined {
  const canvas = canvasOf(doc, box.canvasId)
  if (!canvas) return undefined
  const index = findItemIndex(getBoxItems(canvas, box.boxKey), itemId)
  return addItem(doc, box, index + 1, '', author)
}

/** Removes an item. */
export function removeItem(doc: Y.Doc, box: BoxRef, itemId: string): void {
  doc.transact(() => {
    const canvas = canvasOf(doc, box.canvasId)
    if (canvas) deleteItem(canvas, box.boxKey, itemId)
  }, LocalOrigin)
}

/** The id of the item before (−1) or after (+1) another one in its box, if any. */
export function neighbourItem(doc: Y.Doc, box: BoxRef, itemId: string, step: -1 | 1) {
  const canvas = canvasOf(doc, box.canvasId)
  if (!canvas) return undefined
  const items = getBoxItems(canvas, box.boxKey)
  const neighbour = items.get(findItemIndex(items, itemId) + step)
  const id = neighbour?.get('id')
  return typeof id === 'string' ? id : undefined
}

/** Moves an item one place up or down in its box. */
export function shiftItem(doc: Y.Doc, box: BoxRef, itemId: string, step: -1 | 1): boolean {
  let moved = false
  doc.transact(() => {
    const canvas = canvasOf(doc, box.canvasId)
    if (!canvas) return
    const items = getBoxItems(canvas, box.boxKey)
    const index = findItemIndex(items, itemId)
    const to = index + step
    if (index < 0 || to < 0 || to >= items.length) return
    moveItem({ canvas, boxKey: box.boxKey, itemId }, { canvas, boxKey: box.boxKey }, to)
    moved = true
  }, LocalOrigin)
  return moved
}

/** Moves an item into another box (possibly of another canvas) at `index` (the end if omitted). */
export function transferItem(
  doc: Y.Doc,
  from: BoxRef,
  itemId: string,
  to: BoxRef,
  index = Infinity,
) {
  doc.transact(() => {
    const source = canvasOf(doc, from.canvasId)
    const target = canvasOf(doc, to.canvasId)
    if (!source || !target) return
    const items = getBoxItems(target, to.boxKey)
    let at = Number.isFinite(index) ? index : items.length
    // Within one box, the item's own place does not count once it is taken out.
    if (source === target && from.boxKey === to.boxKey) {
      const current = findItemIndex(items, itemId)
      if (current >= 0 && current < at) at--
      if (current === at) return
    }
    moveItem(
      { canvas: source, boxKey: from.boxKey, itemId },
      { canvas: target, boxKey: to.boxKey },
      at,
    )
  }, LocalOrigin)
}
