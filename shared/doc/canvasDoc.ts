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
import {
  getBoardCanvases,
  getCanvasTitleText,
  readItemMetricLink,
  setBoxItems,
  setCanvasField,
  type CanvasMap,
} from './canvasMap.js'
import { setYText, yText } from './ytext.js'
import { str } from './yLists.js'

/**
 * Whole canvases in a board's Y.Doc, read and written through their kind's spec. The layout of
 * one canvas map and its items is canvasMap.ts; that module needs no registry of kinds, so a
 * kind's own modules use it without depending on every other kind.
 */
export * from './canvasMap.js'

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
            .map((m) => {
              const metric = b.metricLinks ? readItemMetricLink(m) : undefined
              return {
                id: String(m.get('id')),
                text: str(m.get('text')),
                ...(metric && { metric }),
              }
            })
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
  return {
    ...content,
    id: newId(),
    boxes,
    ...spec.parts?.renewIds(content, fresh),
  } as CanvasContent
}
