import * as Y from 'yjs'
import { getTldrawRecords } from './layout.js'

/**
 * A person's private drafts on one board: what they add while private mode covers where they
 * add it. A Y.Doc of its own, synced only with its author and kept by the server apart from
 * the board; when private mode ends the server moves it into the board.
 *
 *   tldraw:                       Y.Map<recordId, JSON text>  new sticky notes, as the board
 *                                 keeps its records
 *   items/<canvasId>/<boxKey>:    Y.Array<Y.Map{ id, text: Y.Text, by, at }>  new items of one
 *                                 box of a board's canvas
 *
 * Each box's list is a top-level type of its own rather than a map inside a map: two screens
 * of one person adding the first draft item of a box at once would each create the nested
 * map, and only one of them would survive. Top-level types never conflict.
 */
export const getDraftRecords = getTldrawRecords

const ItemsPrefix = 'items/'

/** The draft items of one box of a board's canvas. */
export function getDraftBoxItems(
  doc: Y.Doc,
  canvasId: string,
  boxKey: string,
): Y.Array<Y.Map<unknown>> {
  return doc.getArray<Y.Map<unknown>>(`${ItemsPrefix}${canvasId}/${boxKey}`)
}

/** One draft item where it is: its canvas, box and map. */
export interface DraftItemEntry {
  canvasId: string
  boxKey: string
  item: Y.Map<unknown>
}

/** Every draft item, box by box; entries that are not item maps are left out. */
export function listDraftItems(doc: Y.Doc): DraftItemEntry[] {
  const out: DraftItemEntry[] = []
  for (const name of [...doc.share.keys()]) {
    if (!name.startsWith(ItemsPrefix)) continue
    const [canvasId, boxKey, ...rest] = name.slice(ItemsPrefix.length).split('/')
    if (!canvasId || !boxKey || rest.length > 0) continue
    for (const item of getDraftBoxItems(doc, canvasId, boxKey).toArray()) {
      if (item instanceof Y.Map) out.push({ canvasId, boxKey, item })
    }
  }
  return out
}
