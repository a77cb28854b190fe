import { create } from 'zustand'
import type { BoardDiff, PartChange, ShapeDiff, ShapeSide } from '../../../shared/history/boardDiff'

/** A removed item, metric or step, shown faded where it was. */
export interface RemovedPart {
  id: string
  text: string
}

/** What the board marks in one canvas. */
export interface CanvasMarks {
  change: 'added' | 'removed' | 'changed'
  /** By part key (`item:<id>`, `entry:<id>`, `field:<key>`, `value:<key>`, `title`). */
  parts: ReadonlyMap<string, PartChange>
  /** Removed items by box key, and removed entries by list (metrics, current, future…). */
  removed: ReadonlyMap<string, readonly RemovedPart[]>
}

/** The highlights of a comparison, as the board draws them. */
export interface DiffMarks {
  canvases: ReadonlyMap<string, CanvasMarks>
  shapes: readonly ShapeDiff[]
  /** Canvases removed since the earlier state, with where their card was. */
  removedCanvases: readonly { id: string; title: string; before: ShapeSide | null }[]
}

/** The key a canvas part is marked under. */
export const partKey = {
  item: (id: string) => `item:${id}`,
  entry: (id: string) => `entry:${id}`,
  field: (key: string) => `field:${key}`,
  value: (key: string) => `value:${key}`,
  title: () => 'title',
}

/** The marks a diff puts on the board. */
export function marksOf(
  diff: BoardDiff,
  canvasBefore: (canvasId: string) => ShapeSide | null = () => null,
): DiffMarks {
  const canvases = new Map<string, CanvasMarks>()
  for (const canvas of diff.canvases) {
    const parts = new Map<string, PartChange>()
    const removed = new Map<string, RemovedPart[]>()
    const remove = (where: string, part: RemovedPart) =>
      removed.set(where, [...(removed.get(where) ?? []), part])
    for (const { part, change } of canvas.entries) {
      switch (part.kind) {
        case 'item':
          parts.set(partKey.item(part.id), change)
          if (change === 'removed') remove(part.box, { id: part.id, text: part.text })
          break
        case 'entry':
          parts.set(partKey.entry(part.id), change)
          if (change === 'removed') remove(part.list, { id: part.id, text: part.name })
          break
        case 'field':
          parts.set(partKey.field(part.key), change)
          break
        case 'value':
          parts.set(partKey.value(part.key), change)
          break
        case 'title':
          parts.set(partKey.title(), change)
          break
      }
    }
    canvases.set(canvas.id, { change: canvas.change, parts, removed })
  }
  const removedCanvases = diff.canvases
    .filter((c) => c.change === 'removed')
    .map((c) => ({ id: c.id, title: c.title, before: canvasBefore(c.id) }))
  return { canvases, shapes: diff.shapes, removedCanvases }
}

interface DiffMarksState {
  marks: DiffMarks | null
  setMarks: (marks: DiffMarks | null) => void
}

/** The highlights shown on the board while a comparison is open; null shows none. */
export const useDiffMarks = create<DiffMarksState>((set) => ({
  marks: null,
  setMarks: (marks) => set({ marks }),
}))

const none: readonly RemovedPart[] = []

/** How a canvas changed, if it did, while a comparison is shown. */
export const useCanvasChange = (canvasId: string) =>
  useDiffMarks((s) => s.marks?.canvases.get(canvasId)?.change)

/** How a part of a canvas changed (`partKey`), if it did, while a comparison is shown. */
export const usePartChange = (canvasId: string, key: string) =>
  useDiffMarks((s) => s.marks?.canvases.get(canvasId)?.parts.get(key))

/** The items of a box, or entries of a list, removed since the earlier state. */
export const useRemovedParts = (canvasId: string, where: string) =>
  useDiffMarks((s) => s.marks?.canvases.get(canvasId)?.removed.get(where) ?? none)
