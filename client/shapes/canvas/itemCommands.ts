import * as Y from 'yjs'
import {
  createItemMap,
  findItemIndex,
  getBoardCanvases,
  getBoxItems,
  moveItemBetween,
  type CanvasMap,
  type ItemAuthor,
} from '../../../shared/doc/canvasDoc'
import { getDraftBoxItems } from '../../../shared/doc/draftDoc'
import { LocalOrigin } from '../../../shared/doc/layout'

/** A box of a canvas on the board. */
export interface BoxRef {
  canvasId: string
  boxKey: string
}

/**
 * Where the items of each box live: the board's canvases, or this person's private drafts
 * (shared/doc/draftDoc.ts). `items` may create the list, so it is called inside transactions.
 */
export interface ItemLists {
  doc: Y.Doc
  items(box: BoxRef): Y.Array<Y.Map<unknown>> | undefined
}

const canvasOf = (doc: Y.Doc, canvasId: string): CanvasMap | undefined => {
  const canvas = getBoardCanvases(doc).get(canvasId)
  return canvas && canvas.doc ? canvas : undefined
}

/** The items of the board's canvases. */
export const boardItemLists = (doc: Y.Doc): ItemLists => ({
  doc,
  items: (box) => {
    const canvas = canvasOf(doc, box.canvasId)
    return canvas && getBoxItems(canvas, box.boxKey)
  },
})

/** The items of a person's private drafts. */
export const draftItemLists = (doc: Y.Doc): ItemLists => ({
  doc,
  items: (box) => getDraftBoxItems(doc, box.canvasId, box.boxKey),
})

/** A board document stands for its canvases' items. */
type Lists = Y.Doc | ItemLists
const listsOf = (lists: Lists): ItemLists =>
  lists instanceof Y.Doc ? boardItemLists(lists) : lists

/**
 * Adds an item at `index` of a box (the end when omitted), recording its author when given
 * (private mode needs it); returns its id.
 */
export function addItem(
  lists: Lists,
  box: BoxRef,
  index = Infinity,
  text = '',
  author?: ItemAuthor,
): string | undefined {
  const { doc, items } = listsOf(lists)
  let id: string | undefined
  doc.transact(() => {
    const list = items(box)
    if (!list) return
    const at = Number.isFinite(index) ? index : list.length
    const item = createItemMap(text, undefined, author)
    list.insert(Math.max(0, Math.min(at, list.length)), [item])
    id = item.get('id') as string
  }, LocalOrigin)
  return id
}

/** Adds an item right after another one; returns its id. */
export function addItemAfter(
  lists: Lists,
  box: BoxRef,
  itemId: string,
  author?: ItemAuthor,
): string | undefined {
  const list = listsOf(lists).items(box)
  if (!list) return undefined
  const index = findItemIndex(list, itemId)
  return addItem(lists, box, index + 1, '', author)
}

/** Removes an item. */
export function removeItem(lists: Lists, box: BoxRef, itemId: string): void {
  const { doc, items } = listsOf(lists)
  doc.transact(() => {
    const list = items(box)
    const index = list ? findItemIndex(list, itemId) : -1
    if (list && index >= 0) list.delete(index, 1)
  }, LocalOrigin)
}

/** The id of the item before (−1) or after (+1) another one in its box, if any. */
export function neighbourItem(lists: Lists, box: BoxRef, itemId: string, step: -1 | 1) {
  const list = listsOf(lists).items(box)
  if (!list) return undefined
  const neighbour = list.get(findItemIndex(list, itemId) + step)
  const id = neighbour?.get('id')
  return typeof id === 'string' ? id : undefined
}

/** Moves an item one place up or down in its box. */
export function shiftItem(lists: Lists, box: BoxRef, itemId: string, step: -1 | 1): boolean {
  const { doc, items } = listsOf(lists)
  let moved = false
  doc.transact(() => {
    const list = items(box)
    if (!list) return
    const index = findItemIndex(list, itemId)
    const to = index + step
    if (index < 0 || to < 0 || to >= list.length) return
    moveItemBetween(list, itemId, list, to)
    moved = true
  }, LocalOrigin)
  return moved
}

/** Moves an item into another box (possibly of another canvas) at `index` (the end if omitted). */
export function transferItem(
  lists: Lists,
  from: BoxRef,
  itemId: string,
  to: BoxRef,
  index = Infinity,
) {
  const { doc, items } = listsOf(lists)
  doc.transact(() => {
    const source = items(from)
    const target = items(to)
    if (!source || !target) return
    let at = Number.isFinite(index) ? index : target.length
    // Within one box, the item's own place does not count once it is taken out.
    if (source === target) {
      const current = findItemIndex(target, itemId)
      if (current >= 0 && current < at) at--
      if (current === at) return
    }
    moveItemBetween(source, itemId, target, at)
  }, LocalOrigin)
}
