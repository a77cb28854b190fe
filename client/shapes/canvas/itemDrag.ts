import { z } from 'zod'
import type { BoxRef } from './itemCommands'

/** The drag-and-drop type of a canvas item, so boxes accept items and nothing else. */
export const ItemDragType = 'application/x-discovery-board-item'

const DraggedItemSchema = z.object({
  canvasId: z.string(),
  boxKey: z.string(),
  itemId: z.string(),
})

/** Puts an item on a drag. */
export function writeDraggedItem(data: DataTransfer, box: BoxRef, itemId: string): void {
  data.setData(ItemDragType, JSON.stringify({ ...box, itemId }))
  data.setData('text/plain', '')
  data.effectAllowed = 'move'
}

/** Whether a drag carries an item (its data can only be read on drop). */
export const isItemDrag = (data: DataTransfer) => data.types.includes(ItemDragType)

/** The item a drop carries, if it is one. */
export function readDraggedItem(data: DataTransfer): (BoxRef & { itemId: string }) | undefined {
  try {
    return DraggedItemSchema.parse(JSON.parse(data.getData(ItemDragType)))
  } catch {
    return undefined
  }
}
