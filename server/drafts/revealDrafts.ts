import * as Y from 'yjs'
import { isCanvasKind, getCanvasDefinition } from '../../shared/canvases/registry.js'
import {
  createItemMap,
  findItemIndex,
  getBoardCanvases,
  getBoxItems,
} from '../../shared/doc/canvasDoc.js'
import { canvasShapeId } from '../../shared/doc/canvasShapeId.js'
import { getDraftBoxItems, getDraftRecords, listDraftItems } from '../../shared/doc/draftDoc.js'
import { decodeRecord, encodeRecord, getTldrawRecords } from '../../shared/doc/layout.js'
import { str } from '../../shared/doc/yLists.js'
import { setYText } from '../../shared/doc/ytext.js'
import {
  placementUnder,
  scopeCovers,
  type PlacedShape,
  type Placement,
} from '../../shared/workshop/privatePlacement.js'
import type { WorkshopState } from '../../shared/workshop/workshopState.js'

/** A draft sticky note on its way to the board. */
interface RecordMove {
  id: string
  record: Record<string, unknown>
}

/** A draft canvas item on its way to the board. */
interface ItemMove {
  canvasId: string
  boxKey: string
  id: string
  text: string
  at: number | undefined
}

/**
 * What ending private mode moves out of one person's drafts: everything no private scope (nor
 * lock) still covers. `records` and `items` go into the board; `cleared` lists every draft entry to remove
 * once the board has stored them (including entries that cannot go anywhere: not a sticky
 * note, a canvas that is gone, or something the board holds already).
 */
export interface DraftReveal {
  records: RecordMove[]
  items: ItemMove[]
  clearedRecords: string[]
  clearedItems: { canvasId: string; boxKey: string; id: string }[]
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

function boardShapes(board: Y.Doc): (id: string) => PlacedShape | undefined {
  const records = getTldrawRecords(board)
  return (id) => {
    const record = decodeRecord(records.get(id))
    return isRecord(record) && record.typeName === 'shape' && typeof record.type === 'string'
      ? (record as unknown as PlacedShape)
      : undefined
  }
}

/**
 * Finds what of `draft` no private scope covers, placed as the board is now. What a lock
 * covers waits too: the board takes no change there, from the server's reveal either (it goes
 * in once unlocked).
 */
export function planReveal(
  draft: Y.Doc,
  board: Y.Doc,
  holding: Pick<WorkshopState, 'privateScopes' | 'locks'>,
): DraftReveal {
  const shapeOf = boardShapes(board)
  const covered = (placement: Placement) =>
    holding.privateScopes.some((p) => scopeCovers(p.scope, placement)) ||
    holding.locks.some((scope) => scopeCovers(scope, placement))
  const plan: DraftReveal = { records: [], items: [], clearedRecords: [], clearedItems: [] }
  const boardRecords = getTldrawRecords(board)

  for (const [id, value] of getDraftRecords(draft).entries()) {
    const record = decodeRecord(value)
    const isNote =
      isRecord(record) && record.typeName === 'shape' && record.type === 'note' && record.id === id
    if (!isNote) {
      plan.clearedRecords.push(id)
      continue
    }
    if (covered(placementUnder(record.parentId, shapeOf))) continue
    if (boardRecords.has(id)) {
      plan.clearedRecords.push(id)
      continue
    }
    // A sticky whose frame or canvas is gone lands on the page; with no page yet, it waits.
    const parentId = record.parentId
    const known =
      typeof parentId === 'string' &&
      (shapeOf(parentId) !== undefined || isPage(boardRecords.get(parentId)))
    const parent = known ? parentId : firstPage(boardRecords)
    if (parent === undefined) continue
    plan.clearedRecords.push(id)
    plan.records.push({ id, record: { ...record, parentId: parent } })
  }

  const canvases = getBoardCanvases(board)
  for (const { canvasId, boxKey, item } of listDraftItems(draft)) {
    const id = item.get('id')
    const frame = placementUnder(canvasShapeId(canvasId), shapeOf).frameId
    if (typeof id === 'string' && covered({ canvasId, frameId: frame })) continue
    if (typeof id !== 'string') continue
    plan.clearedItems.push({ canvasId, boxKey, id })
    const canvas = canvases.get(canvasId)
    const kind = canvas instanceof Y.Map ? canvas.get('kind') : undefined
    if (!isCanvasKind(kind)) continue
    if (!getCanvasDefinition(kind).boxes.some((b) => b.key === boxKey)) continue
    const at = item.get('at')
    plan.items.push({
      canvasId,
      boxKey,
      id,
      text: str(item.get('text')),
      at: typeof at === 'number' && Number.isFinite(at) ? at : undefined,
    })
  }
  return plan
}

/** A draft record as the board keeps it: made by the draft's owner, when it was made. */
function stampedRecord(record: Record<string, unknown>, author: string, now: number) {
  const meta = isRecord(record.meta) ? record.meta : {}
  const at = typeof meta.createdAt === 'number' ? meta.createdAt : now
  return encodeRecord({ ...record, meta: { ...meta, createdBy: author, createdAt: at } })
}

/**
 * Writes the revealed stickies and items into the board (inside the caller's transaction),
 * each with its author and the time it was made. Something the board holds already (a reveal
 * that stopped half-way) is not added twice.
 */
export function applyReveal(board: Y.Doc, plan: DraftReveal, author: string, now: number) {
  const records = getTldrawRecords(board)
  for (const { id, record } of plan.records) {
    if (records.has(id)) continue
    records.set(id, stampedRecord(record, author, now))
  }
  const canvases = getBoardCanvases(board)
  for (const move of plan.items) {
    const canvas = canvases.get(move.canvasId)
    if (!(canvas instanceof Y.Map)) continue
    const items = getBoxItems(canvas, move.boxKey)
    if (findItemIndex(items, move.id) >= 0) continue
    items.push([createItemMap(move.text, move.id, { by: author, at: move.at ?? now })])
  }
}

/** Removes from the drafts what the board now holds (inside the caller's transaction). */
export function clearRevealed(draft: Y.Doc, plan: DraftReveal) {
  const records = getDraftRecords(draft)
  for (const id of plan.clearedRecords) records.delete(id)
  for (const { canvasId, boxKey, id } of plan.clearedItems) {
    const items = getDraftBoxItems(draft, canvasId, boxKey)
    const index = findItemIndex(items, id)
    if (index >= 0) items.delete(index, 1)
  }
}

/**
 * Edits the author made to the moved drafts while the board stored them (the reveal waits for
 * the store): the moves brought up to date, or null when nothing changed. Applied to the board
 * before the drafts are cleared, so no keystroke of that moment is lost.
 */
export function lateEdits(draft: Y.Doc, plan: DraftReveal): DraftReveal | null {
  const records = getDraftRecords(draft)
  const late: DraftReveal = { records: [], items: [], clearedRecords: [], clearedItems: [] }
  for (const move of plan.records) {
    const record = decodeRecord(records.get(move.id))
    if (!isRecord(record) || record.typeName !== 'shape' || record.type !== 'note') continue
    const next = { ...record, parentId: move.record.parentId }
    if (JSON.stringify(next) === JSON.stringify(move.record)) continue
    move.record = next
    late.records.push(move)
  }
  for (const move of plan.items) {
    const items = getDraftBoxItems(draft, move.canvasId, move.boxKey)
    const item = items.get(findItemIndex(items, move.id))
    if (!(item instanceof Y.Map)) continue
    const text = str(item.get('text'))
    if (text === move.text) continue
    move.text = text
    late.items.push(move)
  }
  return late.records.length + late.items.length > 0 ? late : null
}

/** Brings what `applyReveal` moved up to date with `lateEdits` (inside a transaction). */
export function applyLateEdits(board: Y.Doc, late: DraftReveal, author: string, now: number) {
  const records = getTldrawRecords(board)
  for (const { id, record } of late.records) {
    records.set(id, stampedRecord(record, author, now))
  }
  const canvases = getBoardCanvases(board)
  for (const move of late.items) {
    const canvas = canvases.get(move.canvasId)
    if (!(canvas instanceof Y.Map)) continue
    const items = getBoxItems(canvas, move.boxKey)
    const text = items.get(findItemIndex(items, move.id))?.get('text')
    if (text instanceof Y.Text) setYText(text, move.text)
  }
}

/** Whether a plan moves or clears anything. */
export const revealsAnything = (plan: DraftReveal) =>
  plan.clearedRecords.length > 0 || plan.clearedItems.length > 0

function firstPage(records: Y.Map<unknown>): string | undefined {
  for (const [id, value] of records.entries()) if (isPage(value)) return id
  return undefined
}

function isPage(value: unknown) {
  const record = decodeRecord(value)
  return isRecord(record) && record.typeName === 'page'
}
