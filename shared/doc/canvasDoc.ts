import * as Y from 'yjs'
import { getCanvasDefinition } from '../canvases/registry.js'
import {
  CanvasContentSchema,
  CanvasVersion,
  MetricSchema,
  StepSchema,
  newId,
  type CanvasContent,
  type CanvasItem,
  type CanvasKind,
  type Metric,
  type Step,
} from '../canvases/schema.js'
import { migrateCanvasMap } from './canvasMigrations.js'
import { setYText, yText } from './ytext.js'

/**
 * Layout of canvases in a board's Y.Doc, so that people typing at once never lose a character:
 *
 *   canvases: Y.Map<canvasId, Y.Map>
 *     kind: string, version: number, title: Y.Text
 *     fields: Y.Map<fieldKey, Y.Text>
 *     boxes:  Y.Map<boxKey, Y.Array<Y.Map{ id: string, text: Y.Text, by?: string, at?: number }>>
 *     metrics (hypothesis): Y.Array<Y.Map{ id, key, name: Y.Text, kind, unit, direction,
 *                                          baseline, target, tolerance }>
 *     current, future (vsm): Y.Array<Y.Map{ id, name: Y.Text, owner: Y.Text, processMinutes,
 *                                          leadMinutes, completeAccuratePct, classification, wastes }>
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

const getText = (map: Y.Map<unknown>, key: string): Y.Text => {
  const value = map.get(key)
  if (value instanceof Y.Text) return value
  const text = yText(typeof value === 'string' ? value : '')
  map.set(key, text)
  return text
}
const str = (value: unknown) =>
  value instanceof Y.Text ? value.toString() : typeof value === 'string' ? value : ''

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

/** A Y.Text already in `map`; a map not yet in a document has none (and must not be read). */
const existingText = (map: Y.Map<unknown>, key: string) => {
  const value = map.doc ? map.get(key) : undefined
  return value instanceof Y.Text ? value : undefined
}

function writeMetric(map: Y.Map<unknown>, metric: Metric) {
  map.set('id', metric.id)
  map.set('key', metric.key)
  const name = existingText(map, 'name')
  if (name) setYText(name, metric.name)
  else map.set('name', yText(metric.name))
  map.set('kind', metric.kind)
  map.set('unit', metric.unit)
  map.set('direction', metric.direction)
  map.set('baseline', metric.baseline)
  map.set('target', metric.target)
  map.set('tolerance', metric.tolerance)
}

function writeStep(map: Y.Map<unknown>, step: Step) {
  map.set('id', step.id)
  for (const key of ['name', 'owner'] as const) {
    const text = existingText(map, key)
    if (text) setYText(text, step[key])
    else map.set(key, yText(step[key]))
  }
  map.set('processMinutes', step.processMinutes)
  map.set('leadMinutes', step.leadMinutes)
  map.set('completeAccuratePct', step.completeAccuratePct)
  map.set('classification', step.classification)
  map.set('wastes', [...step.wastes])
}

/**
 * Makes a Y.Array of maps hold `values`, touching as little as possible: entries whose id stays
 * keep their map (and the Y.Texts inside, so concurrent typing there survives); removed ones
 * are deleted and new ones inserted in place. Only a reorder of kept entries copies them.
 */
function syncArray<T extends { id: string }>(
  array: Y.Array<Y.Map<unknown>>,
  values: readonly T[],
  write: (map: Y.Map<unknown>, value: T) => void,
) {
  const wanted = new Set(values.map((v) => v.id))
  for (let i = array.length - 1; i >= 0; i--) {
    if (!wanted.has(array.get(i).get('id') as string)) array.delete(i, 1)
  }
  const keptIds = array.toArray().map((m) => m.get('id') as string)
  const kept = new Set(keptIds)
  const keptInValueOrder = values.filter((v) => kept.has(v.id)).map((v) => v.id)
  if (keptInValueOrder.some((id, i) => id !== keptIds[i])) {
    // Reordered: a Yjs type cannot be re-inserted once removed, so copy into fresh maps.
    const existing = new Map(array.toArray().map((m) => [m.get('id') as string, readEntry(m)]))
    array.delete(0, array.length)
    array.insert(
      0,
      values.map((v) => {
        const fresh = new Y.Map<unknown>()
        write(fresh, { ...existing.get(v.id), ...v } as T)
        return fresh
      }),
    )
    return
  }
  values.forEach((v, i) => {
    if (kept.has(v.id)) {
      write(array.get(i), v)
      return
    }
    const fresh = new Y.Map<unknown>()
    write(fresh, v)
    array.insert(i, [fresh])
  })
}

function readEntry(map: Y.Map<unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of map.entries()) out[k] = v instanceof Y.Text ? v.toString() : v
  return out
}

function getArray(map: Y.Map<unknown>, key: string): Y.Array<Y.Map<unknown>> {
  const value = map.get(key)
  if (value instanceof Y.Array) return value as Y.Array<Y.Map<unknown>>
  const array = new Y.Array<Y.Map<unknown>>()
  map.set(key, array)
  return array
}

/** The items Y.Array of one box, created on first use. */
export function getBoxItems(canvas: CanvasMap, boxKey: string): Y.Array<Y.Map<unknown>> {
  return getArray(getMap(canvas, 'boxes'), boxKey)
}

function getMap(map: Y.Map<unknown>, key: string): Y.Map<unknown> {
  const value = map.get(key)
  if (value instanceof Y.Map) return value
  const child = new Y.Map<unknown>()
  map.set(key, child)
  return child
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

export const setMetrics = (canvas: CanvasMap, metrics: readonly Metric[]) =>
  syncArray(getArray(canvas, 'metrics'), metrics, writeMetric)

export const setSteps = (canvas: CanvasMap, state: 'current' | 'future', steps: readonly Step[]) =>
  syncArray(getArray(canvas, state), steps, writeStep)

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
  if (content.metrics) setMetrics(canvas, content.metrics)
  if (content.current) setSteps(canvas, 'current', content.current)
  if (content.future) setSteps(canvas, 'future', content.future)
}

function readArray<T>(
  canvas: CanvasMap,
  key: string,
  parse: (value: unknown) => T | undefined,
): T[] {
  const value = canvas.get(key)
  if (!(value instanceof Y.Array)) return []
  return value
    .toArray()
    .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
    .map((m) => parse(readEntry(m)))
    .filter((v): v is T => v !== undefined)
}

/**
 * Reads a canvas as typed content. The map may come from any client, so every entry is
 * validated; entries that do not parse are left out rather than trusted.
 */
export function readCanvas(id: string, canvas: CanvasMap): CanvasContent | undefined {
  migrateCanvasMap(canvas)
  const kind = canvas.get('kind') as CanvasKind
  let definition
  try {
    definition = getCanvasDefinition(kind)
  } catch {
    return undefined
  }
  if (!definition) return undefined
  const fieldsMap = canvas.get('fields')
  const boxesMap = canvas.get('boxes')
  const fields: Record<string, string> = {}
  for (const f of definition.fields) {
    fields[f.key] = fieldsMap instanceof Y.Map ? str(fieldsMap.get(f.key)) : ''
  }
  const boxes: Record<string, CanvasItem[]> = {}
  for (const b of definition.boxes) {
    const items = boxesMap instanceof Y.Map ? boxesMap.get(b.key) : undefined
    boxes[b.key] =
      items instanceof Y.Array
        ? items
            .toArray()
            .filter((m): m is Y.Map<unknown> => m instanceof Y.Map)
            .map((m) => ({ id: String(m.get('id')), text: str(m.get('text')) }))
        : []
  }
  const content: CanvasContent = { id, kind, title: str(canvas.get('title')), fields, boxes }
  if (kind === 'hypothesis') {
    content.metrics = readArray(canvas, 'metrics', (v) => MetricSchema.safeParse(v).data)
  }
  if (kind === 'vsm') {
    content.current = readArray(canvas, 'current', (v) => StepSchema.safeParse(v).data)
    content.future = readArray(canvas, 'future', (v) => StepSchema.safeParse(v).data)
  }
  const parsed = CanvasContentSchema.safeParse(content)
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
  const definition = getCanvasDefinition(kind)
  const content: CanvasContent = {
    id,
    kind,
    title: title ?? definition.label,
    fields: Object.fromEntries(definition.fields.map((f) => [f.key, ''])),
    boxes: Object.fromEntries(definition.boxes.map((b) => [b.key, []])),
  }
  if (kind === 'hypothesis') content.metrics = []
  if (kind === 'vsm') {
    content.current = []
    content.future = []
  }
  return content
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

/** Appends a metric to a hypothesis canvas. */
export function insertMetric(canvas: CanvasMap, metric: Metric): void {
  const map = new Y.Map<unknown>()
  writeMetric(map, metric)
  getArray(canvas, 'metrics').push([map])
}

/** Appends a step to one state of a value-stream map, or inserts it at `index`. */
export function insertStep(
  canvas: CanvasMap,
  state: 'current' | 'future',
  step: Step,
  index?: number,
): void {
  const map = new Y.Map<unknown>()
  writeStep(map, step)
  const steps = getArray(canvas, state)
  steps.insert(index === undefined ? steps.length : Math.max(0, Math.min(index, steps.length)), [
    map,
  ])
}

/** The metrics Y.Array of a hypothesis canvas, or a steps array of a value-stream map. */
export const getCanvasList = (canvas: CanvasMap, key: 'metrics' | 'current' | 'future') =>
  getArray(canvas, key)
