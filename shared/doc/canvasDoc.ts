import * as Y from 'yjs'
import { CanvasVersion, newId, type CanvasItem } from '../canvases/baseContent.js'
import {
  CanvasContentSchema,
  getCanvasSpec,
  isCanvasKind,
  type CanvasContent,
  type CanvasKind,
} from '../canvases/registry.js'
import { migrateCanvasMap } from './canvasMigrations.js'
import { setYText, yText } from './ytext.js'
import { existingText, getArray, getMap, getText, str, syncArray } from './yLists.js'

/**
 * Layout of canvases in a board's Y.Doc, so that people typing at once never lose a character:
 *
 *   canvases: Y.Map<canvasId, Y.Map>
 *     kind: string, version: number, title: Y.Text
 *     fields: Y.Map<fieldKey, Y.Text>
 *     boxes:  Y.Map<boxKey, Y.Array<Y.Map{ id: string, text: Y.Text, by?: string, at?: number }>>
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
  })
}

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

/** Writes a whole canvas into the document (inside the caller's transaction). */
export function writeCanvas(doc: Y.Doc, content: CanvasContent): CanvasMap {
  const canvas = new Y.Map<unknown>()
  getBoardCanvases(doc).set(content.id, canvas)
  canvas.set('kind', content.kind)
  canvas.set('version', CanvasVersion)
  canvas.set('title', yText(content.title))
  applyCanvasContent(canvas, content)
  return canvas
}

/** Writes the parts of `content` that are present, leaving the rest as it is. */
export function applyCanvasContent(canvas: CanvasMap, content: Partial<CanvasContent>) {
  if (content.title !== undefined) setYText(getCanvasTitleText(canvas), content.title)
  for (const [key, value] of Object.entries(content.fields ?? {}))
    setCanvasField(canvas, key, value)
  for (const [key, items] of Object.entries(content.boxes ?? {})) setBoxItems(canvas, key, items)
  const kind = canvas.get('kind')
  if (isCanvasKind(kind)) getCanvasSpec(kind).parts?.write(canvas, content)
}

/**
 * Reads a canvas as typed content. The map may come from any client, so every entry is
 * validated; entries that do not parse are left out rather than trusted.
 */
export function readCanvas(id: string, canvas: CanvasMap): CanvasContent | undefined {
  migrateCanvasMap(canvas)
  const kind = canvas.get('kind')
  if (!isCanvasKind(kind)) return undefined
  const spec = getCanvasSpec(kind)
  const fieldsMap = canvas.get('fields')
  const boxesMap = canvas.get('boxes')
  const fields: Record<string, string> = {}
  for (const f of spec.definition.fields) {
    fields[f.key] = fieldsMap instanceof Y.Map ? str(fieldsMap.get(f.key)) : ''
  }
  const boxes: Record<string, CanvasItem[]> = {}
  for (const b of spec.definition.boxes) {
    const items = boxesMap instanceof Y.Map ? boxesMap.get(b.key) : undefined
    boxes[b.key] =
      items instanceof Y.Array
        ? items
            .toArray()
            .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
            .map((m) => ({ id: String(m.get('id')), text: str(m.get('text')) }))
        : []
  }
  const parsed = CanvasContentSchema.safeParse({
    id,
    kind,
    title: str(canvas.get('title')),
    fields,
    boxes,
    ...spec.parts?.read(canvas),
  })
  return parsed.success ? parsed.data : undefined
}

/** Every canvas of a board, in creation order of their ids' insertion. */
export function readAllCanvases(doc: Y.Doc): CanvasContent[] {
  const out: CanvasContent[] = []
  for (const [id, map] of getBoardCanvases(doc).entries()) {
    if (!(map instanceof Y.Map)) continue
    const content = readCanvas(id, map)
    if (content) out.push(content)
  }
  return out
}

/** An empty canvas of a kind with the given title. */
export function emptyCanvas(kind: CanvasKind, title?: string, id = newId()): CanvasContent {
  const spec = getCanvasSpec(kind)
  const definition = spec.definition
  // Not validated: a title may still be too long here (import reports it with its line later).
  // The kind and its parts come from one spec, so they match.
  return {
    id,
    kind,
    title: title ?? definition.label,
    fields: Object.fromEntries(definition.fields.map((f) => [f.key, ''])),
    boxes: Object.fromEntries(definition.boxes.map((b) => [b.key, []])),
    ...spec.parts?.empty(),
  } as CanvasContent
}

/** A copy of a canvas with new ids for it and everything in it; `renamed` records each change. */
export function withNewIds(
  content: CanvasContent,
  renamed = new Map<string, string>(),
): CanvasContent {
  const fresh = <T extends { id: string }>(list: readonly T[] | undefined) =>
    list?.map((x) => {
      const id = newId()
      renamed.set(x.id, id)
      return { ...x, id }
    })
  const spec = getCanvasSpec(content.kind)
  const boxes = Object.fromEntries(
    Object.entries(content.boxes).map(([key, items]) => [key, fresh(items) ?? []]),
  )
  // The parts come from the content's own spec, so the copy stays of its kind.
  return { ...content, id: newId(), boxes, ...spec.parts?.renewIds(content, fresh) } as CanvasContent
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
  const source = getBoxItems(from.canvas, from.boxKey)
  const index = findItemIndex(source, from.itemId)
  if (index < 0) return
  const moved = source.get(index)
  const text = str(moved.get('text'))
  // The author moves with the item, so a move does not reveal a private one.
  const author = readItemAuthor(moved)
  source.delete(index, 1)
  const target = getBoxItems(to.canvas, to.boxKey)
  target.insert(Math.max(0, Math.min(toIndex, target.length)), [
    createItemMap(text, from.itemId, author),
  ])
}

/** The index of an item in a box's array, or -1. */
export function findItemIndex(items: Y.Array<Y.Map<unknown>>, itemId: string): number {
  return items.toArray().findIndex((m) => m instanceof Y.Map && m.get('id') === itemId)
}
