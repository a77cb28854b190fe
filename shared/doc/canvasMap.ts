import * as Y from 'yjs'
import {
  MetricLinkSchema,
  newId,
  type CanvasItem,
  type MetricLink,
} from '../canvases/baseContent.js'
import { setYText, yText } from './ytext.js'
import { existingText, getArray, getMap, getText, str, syncArray } from './yLists.js'

/**
 * Layout of canvases in a board's Y.Doc, so that people typing at once never lose a character:
 *
 *   canvases: Y.Map<canvasId, Y.Map>
 *     kind: string, version: number, title: Y.Text
 *     fields: Y.Map<fieldKey, Y.Text>
 *     boxes:  Y.Map<boxKey, Y.Array<Y.Map{ id: string, text: Y.Text, by?: string, at?: number,
 *                               metric?: { canvasId, metricKey } }>>
 *     …and the parts its kind adds (metrics, steps, …; shared/canvases/<kind>/*Doc.ts)
 *
 * Texts are Y.Text (merged character by character); numbers and enums are last-writer-wins
 * per field; list order is a Y.Array so inserts and moves by different people both survive.
 */
export const CanvasKeys = {
  root: 'canvases',
} as const

export type CanvasMap = Y.Map<unknown>

/** All canvases of a board, by canvas id. */
export function getBoardCanvases(doc: Y.Doc): Y.Map<CanvasMap> {
  return doc.getMap<CanvasMap>(CanvasKeys.root)
}

/**
 * Who added an item and when (server clock, epoch ms): private mode hides others' new items
 * until it ends. Items written before this existed, or by the API, have none.
 */
export interface ItemAuthor {
  by: string
  at: number
}

/** The author of an item map, if it records a valid one. */
export function readItemAuthor(item: Y.Map<unknown>): ItemAuthor | undefined {
  const by = item.get('by')
  const at = item.get('at')
  return typeof by === 'string' && typeof at === 'number' && Number.isFinite(at)
    ? { by, at }
    : undefined
}

/** A new item map, with its author when known. */
export function createItemMap(text: string, id = newId(), author?: ItemAuthor): Y.Map<unknown> {
  const item = new Y.Map<unknown>()
  item.set('id', id)
  item.set('text', yText(text))
  if (author) {
    item.set('by', author.by)
    item.set('at', author.at)
  }
  return item
}

/** The items Y.Array of one box, created on first use. */
export function getBoxItems(canvas: CanvasMap, boxKey: string): Y.Array<Y.Map<unknown>> {
  return getArray(getMap(canvas, 'boxes'), boxKey)
}

/** Replaces a box's items, keeping the Y.Text of items whose id is kept in place. */
export function setBoxItems(canvas: CanvasMap, boxKey: string, items: readonly CanvasItem[]) {
  syncArray(getBoxItems(canvas, boxKey), items, (map, item) => {
    map.set('id', item.id)
    // A reorder copies entries into fresh maps (readEntry then write): keep their author.
    const { by, at } = item as Partial<ItemAuthor>
    if (typeof by === 'string' && typeof at === 'number') {
      map.set('by', by)
      map.set('at', at)
    }
    const text = existingText(map, 'text')
    if (text) setYText(text, item.text)
    else map.set('text', yText(item.text))
    setItemMetricLink(map, item.metric ?? null)
  })
}

/** Links an item to a hypothesis metric, or removes its link. */
export function setItemMetricLink(item: Y.Map<unknown>, link: MetricLink | null) {
  // A fresh item, not yet in the document, holds nothing to compare (and is not read before).
  if (!item.doc) {
    if (link) item.set('metric', { canvasId: link.canvasId, metricKey: link.metricKey })
    return
  }
  const current = readItemMetricLink(item)
  if (link && (current?.canvasId !== link.canvasId || current.metricKey !== link.metricKey))
    item.set('metric', { canvasId: link.canvasId, metricKey: link.metricKey })
  else if (!link && item.has('metric')) item.delete('metric')
}

/** The metric an item links to, if it holds a valid link. */
export const readItemMetricLink = (item: Y.Map<unknown>): MetricLink | undefined =>
  MetricLinkSchema.safeParse(item.get('metric')).data

/** Sets a single-line field (header field, sentence slot, product). */
export function setCanvasField(canvas: CanvasMap, key: string, value: string) {
  setYText(getText(getMap(canvas, 'fields'), key), value)
}

/** The Y.Text of a field, created on first use. */
export function getCanvasFieldText(canvas: CanvasMap, key: string): Y.Text {
  return getText(getMap(canvas, 'fields'), key)
}

/** The canvas title as a Y.Text. */
export function getCanvasTitleText(canvas: CanvasMap): Y.Text {
  return getText(canvas, 'title')
}

/** Inserts an item into a box at `index` (clamped) and returns its id. */
export function insertItem(
  canvas: CanvasMap,
  boxKey: string,
  index: number,
  text = '',
  author?: ItemAuthor,
): string {
  const items = getBoxItems(canvas, boxKey)
  const item = createItemMap(text, undefined, author)
  items.insert(Math.max(0, Math.min(index, items.length)), [item])
  return item.get('id') as string
}

/** Removes the item with this id from a box; does nothing if it is gone already. */
export function deleteItem(canvas: CanvasMap, boxKey: string, itemId: string): void {
  const items = getBoxItems(canvas, boxKey)
  const index = findItemIndex(items, itemId)
  if (index >= 0) items.delete(index, 1)
}

/** Where an item is: a box of a canvas, and its id. */
export interface ItemAddress {
  canvas: CanvasMap
  boxKey: string
  itemId: string
}

/**
 * Moves an item to `toIndex` of another (or the same) box, possibly of another canvas, keeping
 * its id and text. A Yjs type cannot be re-inserted once removed, so the item is copied: a
 * character typed into it by someone else at the very moment of the move is lost.
 */
export function moveItem(
  from: ItemAddress,
  to: { canvas: CanvasMap; boxKey: string },
  toIndex: number,
) {
  moveItemBetween(
    getBoxItems(from.canvas, from.boxKey),
    from.itemId,
    getBoxItems(to.canvas, to.boxKey),
    toIndex,
  )
}

/** Moves an item from one items array to `toIndex` of another (or the same), as `moveItem`. */
export function moveItemBetween(
  source: Y.Array<Y.Map<unknown>>,
  itemId: string,
  target: Y.Array<Y.Map<unknown>>,
  toIndex: number,
) {
  const index = findItemIndex(source, itemId)
  if (index < 0) return
  const moved = source.get(index)
  const text = str(moved.get('text'))
  // The author moves with the item, so a move does not reveal a private one.
  const author = readItemAuthor(moved)
  source.delete(index, 1)
  target.insert(Math.max(0, Math.min(toIndex, target.length)), [
    createItemMap(text, itemId, author),
  ])
}

/** The index of an item in a box's array, or -1. */
export function findItemIndex(items: Y.Array<Y.Map<unknown>>, itemId: string): number {
  return items.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === itemId)
}
