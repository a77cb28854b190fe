import * as Y from 'yjs'
import { getCanvasDefinition } from '../../shared/canvases/registry.js'
import type { CanvasKind } from '../../shared/canvases/schema.js'
import {
  createItemMap,
  emptyCanvas,
  getBoardCanvases,
  getBoxItems,
  writeCanvas,
  type CanvasMap,
} from '../../shared/doc/canvasDoc.js'
import {
  LocalOrigin,
  decodeRecord,
  encodeRecord,
  getTldrawRecords,
} from '../../shared/doc/layout.js'
import type { Rng } from './prng.js'

/**
 * Random edits of the kinds people make on a board: tldraw records (JSON text in the `tldraw`
 * map) created, moved and deleted; canvases created and removed; characters typed into and
 * deleted from canvas titles, fields and items; items added to and removed from boxes.
 */
export type EditKind =
  | 'createRecord'
  | 'updateRecord'
  | 'deleteRecord'
  | 'createCanvas'
  | 'deleteCanvas'
  | 'insertText'
  | 'deleteText'
  | 'insertItem'
  | 'deleteItem'

const EditWeights: Record<EditKind, number> = {
  createRecord: 14,
  updateRecord: 18,
  deleteRecord: 6,
  createCanvas: 4,
  deleteCanvas: 1,
  insertText: 22,
  deleteText: 10,
  insertItem: 6,
  deleteItem: 3,
}

const CanvasKinds: readonly CanvasKind[] = ['hypothesis', 'lean', 'ml', 'vsm']

/** One fuzzed client's author tag and a counter, so every id it creates is unique and seeded. */
export interface Author {
  tag: string
  count: number
}

const sortedKeys = (map: Y.Map<unknown>) => [...map.keys()].sort()

function liveCanvases(doc: Y.Doc): [string, CanvasMap][] {
  const canvases = getBoardCanvases(doc)
  return sortedKeys(canvases as Y.Map<unknown>)
    .map((id) => [id, canvases.get(id)] as [string, CanvasMap | undefined])
    .filter((e): e is [string, CanvasMap] => e[1] instanceof Y.Map)
}

/** Every Y.Text of a canvas that already exists (title, fields, item texts), in a stable order. */
function textsOf(canvas: CanvasMap): Y.Text[] {
  const out: Y.Text[] = []
  const title = canvas.get('title')
  if (title instanceof Y.Text) out.push(title)
  const fields = canvas.get('fields')
  if (fields instanceof Y.Map) {
    for (const key of sortedKeys(fields)) {
      const text = fields.get(key)
      if (text instanceof Y.Text) out.push(text)
    }
  }
  const boxes = canvas.get('boxes')
  if (boxes instanceof Y.Map) {
    for (const key of sortedKeys(boxes)) {
      const items = boxes.get(key)
      if (!(items instanceof Y.Array)) continue
      for (const item of items.toArray()) {
        const text = item instanceof Y.Map ? item.get('text') : undefined
        if (text instanceof Y.Text) out.push(text)
      }
    }
  }
  return out
}

function boxKeysOf(canvas: CanvasMap): string[] {
  const kind = canvas.get('kind')
  if (typeof kind !== 'string' || !CanvasKinds.includes(kind as CanvasKind)) return []
  return getCanvasDefinition(kind as CanvasKind).boxes.map((b) => b.key)
}

/** Applies one edit of `kind`; returns false when there was nothing to apply it to. */
function applyEdit(doc: Y.Doc, rng: Rng, author: Author, kind: EditKind): boolean {
  const records = getTldrawRecords(doc)
  switch (kind) {
    case 'createRecord': {
      const n = author.count++
      const id = `shape:${author.tag}-${n}`
      records.set(
        id,
        encodeRecord({
          id,
          typeName: 'shape',
          type: rng.pick(['geo', 'note', 'text', 'arrow']),
          parentId: 'page:page',
          index: `a${n}`,
          x: rng.int(-2000, 2000),
          y: rng.int(-2000, 2000),
          rotation: 0,
          isLocked: false,
          opacity: 1,
          props: { w: rng.int(10, 400), h: rng.int(10, 400), text: rng.word(0, 12) },
          meta: { rev: 0, by: author.tag },
        }),
      )
      return true
    }
    case 'updateRecord': {
      const keys = sortedKeys(records)
      if (keys.length === 0) return false
      const id = rng.pick(keys)
      const record = decodeRecord(records.get(id)) as Record<string, any> | undefined
      if (!record || typeof record !== 'object') return false
      const meta = {
        ...(record.meta ?? {}),
        rev: Number(record.meta?.rev ?? 0) + 1,
        by: author.tag,
      }
      records.set(
        id,
        encodeRecord({ ...record, x: rng.int(-2000, 2000), y: rng.int(-2000, 2000), meta }),
      )
      return true
    }
    case 'deleteRecord': {
      const keys = sortedKeys(records)
      if (keys.length === 0) return false
      records.delete(rng.pick(keys))
      return true
    }
    case 'createCanvas': {
      const id = `${author.tag}c${author.count++}`
      const kind = rng.pick(CanvasKinds)
      writeCanvas(doc, emptyCanvas(kind, rng.word(3, 10), id))
      records.set(
        `shape:canvas-${id}`,
        encodeRecord({
          id: `shape:canvas-${id}`,
          typeName: 'shape',
          type: 'canvas',
          x: rng.int(-2000, 2000),
          y: rng.int(-2000, 2000),
          props: { canvasId: id, kind },
        }),
      )
      return true
    }
    case 'deleteCanvas': {
      const canvases = liveCanvases(doc)
      if (canvases.length === 0) return false
      const [id] = rng.pick(canvases)
      getBoardCanvases(doc).delete(id)
      records.delete(`shape:canvas-${id}`)
      return true
    }
    case 'insertText': {
      const canvases = liveCanvases(doc)
      if (canvases.length === 0) return false
      const texts = textsOf(rng.pick(canvases)[1])
      if (texts.length === 0) return false
      const text = rng.pick(texts)
      text.insert(rng.int(0, text.length), rng.word(1, 5))
      return true
    }
    case 'deleteText': {
      const canvases = liveCanvases(doc)
      if (canvases.length === 0) return false
      const texts = textsOf(rng.pick(canvases)[1]).filter((t) => t.length > 0)
      if (texts.length === 0) return false
      const text = rng.pick(texts)
      const at = rng.int(0, text.length - 1)
      text.delete(at, rng.int(1, Math.min(4, text.length - at)))
      return true
    }
    case 'insertItem': {
      const canvases = liveCanvases(doc)
      if (canvases.length === 0) return false
      const canvas = rng.pick(canvases)[1]
      const boxes = boxKeysOf(canvas)
      if (boxes.length === 0) return false
      const items = getBoxItems(canvas, rng.pick(boxes))
      const item = createItemMap(rng.word(0, 8), `${author.tag}i${author.count++}`, {
        by: author.tag,
        at: author.count,
      })
      items.insert(rng.int(0, items.length), [item])
      return true
    }
    case 'deleteItem': {
      const canvases = liveCanvases(doc)
      if (canvases.length === 0) return false
      const canvas = rng.pick(canvases)[1]
      const boxes = canvas.get('boxes')
      if (!(boxes instanceof Y.Map)) return false
      const nonEmpty = sortedKeys(boxes).filter((k) => {
        const items = boxes.get(k)
        return items instanceof Y.Array && items.length > 0
      })
      if (nonEmpty.length === 0) return false
      const items = boxes.get(rng.pick(nonEmpty)) as Y.Array<unknown>
      items.delete(rng.int(0, items.length - 1), 1)
      return true
    }
  }
}

/**
 * Makes one local change: usually one edit, sometimes several in one transaction (as a paste
 * or a multi-shape move does). Returns how many edits were applied.
 */
export function randomChange(doc: Y.Doc, rng: Rng, author: Author): number {
  const count = rng.chance(0.2) ? rng.int(2, 4) : 1
  let applied = 0
  doc.transact(() => {
    for (let i = 0; i < count; i++) {
      let kind = rng.weighted(EditWeights)
      // An empty board gets content first.
      if (getTldrawRecords(doc).size === 0 && rng.chance(0.5)) kind = 'createRecord'
      if (getBoardCanvases(doc).size === 0 && rng.chance(0.3)) kind = 'createCanvas'
      if (applyEdit(doc, rng, author, kind)) applied++
    }
  }, LocalOrigin)
  return applied
}
