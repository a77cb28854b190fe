import * as Y from 'yjs'
import { CanvasShapeType } from './canvasShapeId.js'
import { getBoardCanvases } from './canvasMap.js'
import { decodeRecord, getTldrawRecords } from './layout.js'
import { richTextToPlain } from './richText.js'
import { str } from './yLists.js'

/**
 * What people drew on a board, as the markdown export and the workshop summary list it:
 * every shape with text (stickies, text, labelled shapes), grouped under the frame it sits
 * in, in reading order, and the arrows between them. Canvases are not drawings: their
 * content is exported on its own.
 */

/** A shape with text. */
export interface DrawnItem {
  id: string
  text: string
  /** The display name of who made it, when the board records it and the name is known. */
  author?: string
}

/** An arrow whose two ends are bound to shapes with a name (text, frame title, canvas title). */
export interface DrawnArrow {
  id: string
  from: string
  to: string
  /** The arrow's own text; '' when it has none. */
  label: string
}

/** What sits directly on the page or directly in a frame. */
export interface DrawnContent {
  items: DrawnItem[]
  arrows: DrawnArrow[]
  frames: DrawnFrame[]
}

export interface DrawnFrame extends DrawnContent {
  id: string
  title: string
}

export interface ReadDrawingsOptions {
  /** The display name of a participant id (`meta.createdBy`); none when unknown. */
  authorName?: (participantId: string) => string | undefined
}

/** tldraw's base size of a sticky note, before its scale. */
const NoteSize = 200
/** What a shape without a stored height (text) counts as, before its scale. */
const LineHeight = 40
/** tldraw's label of a frame without a name. */
const UntitledFrame = 'Frame'
/** Frames nested deeper than this list their content in the frame around them. */
const MaxFrameDepth = 16

// Records come from any client: read only what is needed, and skip what is not well formed.
// Checked by hand rather than with a schema: a large board has tens of thousands of records,
// and the export reads them all on the server's thread.
type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value)

interface ShapeRecord {
  id: string
  type: string
  parentId: string
  x: number
  y: number
  rotation: number
  props: Json
  meta: Json
}

function readShape(record: Json, id: string): ShapeRecord | undefined {
  const { type, parentId, x, y, rotation, props, meta } = record
  if (typeof type !== 'string' || typeof parentId !== 'string') return undefined
  if (!isFiniteNumber(x) || !isFiniteNumber(y)) return undefined
  return {
    id,
    type,
    parentId,
    x,
    y,
    rotation: isFiniteNumber(rotation) ? rotation : 0,
    props: isObject(props) ? props : {},
    meta: isObject(meta) ? meta : {},
  }
}

interface ArrowBinding {
  arrowId: string
  shapeId: string
  terminal: 'start' | 'end'
  id: string
}

function readArrowBinding(record: Json, id: string): ArrowBinding | undefined {
  const { type, fromId, toId, props } = record
  const terminal = isObject(props) ? props.terminal : undefined
  if (type !== 'arrow' || typeof fromId !== 'string' || typeof toId !== 'string') return undefined
  if (terminal !== 'start' && terminal !== 'end') return undefined
  return { id, arrowId: fromId, shapeId: toId, terminal }
}

/** Where a shape is on its page, and what its reading order needs. */
interface Placed {
  id: string
  page: number
  x: number
  y: number
  height: number
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)
const num = (value: unknown, fallback: number) => (isFiniteNumber(value) ? value : fallback)

/** A shape's height as drawn, enough to tell which shapes share a row. */
function heightOf(shape: ShapeRecord): number {
  const { props } = shape
  const scale = num(props.scale, 1)
  const growY = num(props.growY, 0)
  if (shape.type === 'note') return (NoteSize + growY) * scale
  if (isFiniteNumber(props.h)) return props.h + growY
  return LineHeight * scale
}

/**
 * Reading order: top to bottom in rows, left to right within a row. A shape is in a row when
 * its top is above the middle of the row's topmost shape, so stickies placed by hand a little
 * out of line still read as one row. Pages in their order; ties broken by id.
 */
function inReadingOrder<T extends Placed>(list: readonly T[]): T[] {
  const byTop = [...list].sort(
    (a, b) => a.page - b.page || a.y - b.y || a.x - b.x || compare(a.id, b.id),
  )
  const rows: T[][] = []
  let row: T[] = []
  for (const placed of byTop) {
    const first = row[0]
    if (first && (first.page !== placed.page || placed.y >= first.y + first.height / 2)) {
      rows.push(row)
      row = []
    }
    row.push(placed)
  }
  if (row.length > 0) rows.push(row)
  return rows.flatMap((r) => r.sort((a, b) => a.x - b.x || a.y - b.y || compare(a.id, b.id)))
}

/** Reads what people drew on a board (see `DrawnContent`). */
export function readDrawings(doc: Y.Doc, options: ReadDrawingsOptions = {}): DrawnContent {
  const shapes = new Map<string, ShapeRecord>()
  const pages = new Map<string, string>()
  const bindings: ArrowBinding[] = []
  for (const [key, value] of getTldrawRecords(doc).entries()) {
    const record = decodeRecord(value)
    // As screens read the map: a record stored under another record's id is not that record.
    if (!isObject(record) || record.id !== key) continue
    if (record.typeName === 'shape') {
      const shape = readShape(record, key)
      if (shape) shapes.set(key, shape)
    } else if (record.typeName === 'page') {
      if (typeof record.index === 'string') pages.set(key, record.index)
    } else if (record.typeName === 'binding') {
      const binding = readArrowBinding(record, key)
      if (binding) bindings.push(binding)
    }
  }
  const pageOrder = new Map(
    [...pages]
      .sort(([a, ai], [b, bi]) => compare(ai, bi) || compare(a, b))
      .map(([id], i) => [id, i]),
  )

  // Where each shape is on its page: a child's x and y are in its parent's rotated frame.
  // Walked without recursion and with a guard, since a record may name any parent.
  interface Transform {
    page: number
    x: number
    y: number
    rotation: number
    /** The nearest frame around it, or none on the page itself. */
    frame: string | undefined
    /** How many frames it is listed under. */
    depth: number
  }
  const transforms = new Map<string, Transform | null>()
  const transformOf = (id: string): Transform | null => {
    const chain: ShapeRecord[] = []
    let outer: Transform | null = null
    for (let shape = shapes.get(id); shape; shape = shapes.get(shape.parentId)) {
      const known = transforms.get(shape.id)
      if (known !== undefined) {
        outer = known
        break
      }
      chain.push(shape)
      transforms.set(shape.id, null) // met again on the way up: a cycle, on no page
      const page = pageOrder.get(shape.parentId)
      if (page !== undefined) {
        outer = { page, x: 0, y: 0, rotation: 0, frame: undefined, depth: 0 }
        break
      }
    }
    for (const shape of chain.reverse()) {
      if (outer) {
        const parent = shapes.get(shape.parentId)
        const framed = parent?.type === 'frame' && outer.depth < MaxFrameDepth
        const cos = Math.cos(outer.rotation)
        const sin = Math.sin(outer.rotation)
        outer = {
          page: outer.page,
          x: outer.x + shape.x * cos - shape.y * sin,
          y: outer.y + shape.x * sin + shape.y * cos,
          rotation: outer.rotation + shape.rotation,
          frame: framed ? parent.id : outer.frame,
          depth: framed ? outer.depth + 1 : outer.depth,
        }
      }
      transforms.set(shape.id, outer)
    }
    return transforms.get(id) ?? null
  }

  const canvases = getBoardCanvases(doc)
  const frameTitle = (shape: ShapeRecord) => {
    const name = typeof shape.props.name === 'string' ? shape.props.name.trim() : ''
    return name || UntitledFrame
  }
  const textOf = (shape: ShapeRecord) =>
    shape.type === 'arrow' ? '' : richTextToPlain(shape.props.richText).trim()
  /** What an arrow end is called: its text, a frame's title, a canvas's title. */
  const nameOf = (shape: ShapeRecord): string | undefined => {
    if (shape.type === 'frame') return frameTitle(shape)
    if (shape.type === CanvasShapeType) {
      const canvas = canvases.get(str(shape.props.canvasId))
      return canvas instanceof Y.Map ? str(canvas.get('title')).trim() || undefined : undefined
    }
    return textOf(shape) || undefined
  }

  const arrowEnds = new Map<string, { start?: string; end?: string }>()
  for (const b of bindings.sort((a, b) => compare(a.id, b.id))) {
    const ends = arrowEnds.get(b.arrowId) ?? {}
    ends[b.terminal] ??= b.shapeId
    arrowEnds.set(b.arrowId, ends)
  }
  const boundName = (id: string | undefined) => {
    const shape = id === undefined ? undefined : shapes.get(id)
    return shape && transformOf(shape.id) ? nameOf(shape) : undefined
  }

  type Entry =
    | (Placed & { kind: 'item'; item: DrawnItem })
    | (Placed & { kind: 'arrow'; arrow: DrawnArrow })
    | (Placed & { kind: 'frame'; frame: DrawnFrame })
  const entries = new Map<string | undefined, Entry[]>()
  for (const shape of shapes.values()) {
    const at = transformOf(shape.id)
    if (!at) continue
    const placed = { id: shape.id, page: at.page, x: at.x, y: at.y, height: heightOf(shape) }
    let entry: Entry | undefined
    if (shape.type === 'frame') {
      // Nested deeper than any board needs, a frame's content is listed in the one around it.
      if (at.depth >= MaxFrameDepth) continue
      const frame = { id: shape.id, title: frameTitle(shape), items: [], arrows: [], frames: [] }
      entry = { ...placed, kind: 'frame', frame }
    } else if (shape.type === 'arrow') {
      const ends = arrowEnds.get(shape.id)
      const from = boundName(ends?.start)
      const to = boundName(ends?.end)
      const label = richTextToPlain(shape.props.richText).trim()
      if (from !== undefined && to !== undefined) {
        entry = { ...placed, kind: 'arrow', arrow: { id: shape.id, from, to, label } }
      }
    } else if (shape.type !== CanvasShapeType) {
      const text = textOf(shape)
      const by = shape.meta.createdBy
      const author = typeof by === 'string' ? options.authorName?.(by) : undefined
      const item = { id: shape.id, text, ...(author !== undefined && { author }) }
      if (text) entry = { ...placed, kind: 'item', item }
    }
    if (!entry) continue
    const list = entries.get(at.frame) ?? []
    list.push(entry)
    entries.set(at.frame, list)
  }

  const contentOf = (frame: string | undefined): DrawnContent => {
    const content: DrawnContent = { items: [], arrows: [], frames: [] }
    for (const entry of inReadingOrder(entries.get(frame) ?? [])) {
      if (entry.kind === 'item') content.items.push(entry.item)
      else if (entry.kind === 'arrow') content.arrows.push(entry.arrow)
      else content.frames.push({ ...entry.frame, ...contentOf(entry.frame.id) })
    }
    return content
  }
  return contentOf(undefined)
}

/** Whether there is anything to list: a frame with nothing in it does not count. */
export function hasDrawings(content: DrawnContent): boolean {
  return content.items.length > 0 || content.arrows.length > 0 || content.frames.some(hasDrawings)
}
