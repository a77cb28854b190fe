import * as Y from 'yjs'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'

/** An item as a view shows it: its id, its map and its Y.Text. */
export interface ItemView {
  id: string
  text: Y.Text
  map: Y.Map<unknown>
}

/** A box's items array if it exists, without creating it (views must not write while rendering). */
export function peekBoxItems(canvas: CanvasMap, boxKey: string): Y.Array<unknown> | undefined {
  const boxes = canvas.get('boxes')
  const items = boxes instanceof Y.Map ? boxes.get(boxKey) : undefined
  return items instanceof Y.Array ? items : undefined
}

/** The boxes map of a canvas if it exists. */
export function peekBoxes(canvas: CanvasMap): Y.Map<unknown> | undefined {
  const boxes = canvas.get('boxes')
  return boxes instanceof Y.Map ? boxes : undefined
}

/** The items of a box; entries someone else wrote that are not items are left out. */
// Any array: Yjs types are invariant in their contents, and the entries are checked one by one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function readItems(items: Y.Array<any> | undefined): ItemView[] {
  if (!items) return []
  const out: ItemView[] = []
  for (const entry of items.toArray()) {
    if (!(entry instanceof Y.Map)) continue
    const id = entry.get('id')
    const text = entry.get('text')
    if (typeof id === 'string' && text instanceof Y.Text) out.push({ id, text, map: entry })
  }
  return out
}
