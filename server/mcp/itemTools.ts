import { AgentToolInputs, AgentTools } from '../../shared/api/agentTools.js'
import { MaxBoxItems } from '../../shared/api/canvases.js'
import { getCanvasSpec } from '../../shared/canvases/registry.js'
import {
  findItemIndex,
  getBoxItems,
  insertItem,
  moveItem,
  type CanvasMap,
} from '../../shared/doc/canvasDoc.js'
import { existingText } from '../../shared/doc/yLists.js'
import { setYText, yText } from '../../shared/doc/ytext.js'
import { ApiError } from '../http/errors.js'
import { editBoard, requireRoomFor, type FoundCanvas } from '../routes/boardDoc.js'
import { findCanvasToEdit } from '../routes/canvasEdits.js'
import { canvasPatches } from '../routes/canvasPatches.js'
import type { AgentKit } from './agentKit.js'

const T = AgentTools
const I = AgentToolInputs

/**
 * Refuses a box the canvas's kind has not, or one it does not let a change write item by item
 * (a hypothesis's lessons are append-only), as the canvas PATCH does.
 */
function requireWritableBox(found: FoundCanvas, box: string) {
  const { kind } = found.content
  if (!getCanvasSpec(kind).definition.boxes.some((b) => b.key === box)) {
    throw new ApiError('invalid_body', `a ${kind} canvas has no box "${box}"`)
  }
  canvasPatches.find((p) => p.kind === kind)?.check({ boxes: { [box]: [] } })
}

/** Refuses one more item in a full box (413), as a body with more is refused. */
function requireSpaceIn(map: CanvasMap, box: string) {
  if (getBoxItems(map, box).length >= MaxBoxItems) {
    throw new ApiError('payload_too_large', `A box holds at most ${MaxBoxItems} items`)
  }
}

/** The box of the canvas holding the item, or a 404. */
function boxOfItem(found: FoundCanvas, itemId: string): string {
  const box = Object.entries(found.content.boxes).find(([, items]) =>
    items.some((item) => item.id === itemId),
  )?.[0]
  if (box === undefined) throw new ApiError('not_found', 'No item with this id on this canvas')
  return box
}

/** Items of a canvas's boxes: add, edit and move, each one edit everyone sees at once. */
export function registerItemTools(kit: AgentKit) {
  const { ctx } = kit

  kit.tool(
    T.addItem,
    'Add an item (a short text) to a box of a canvas',
    I[T.addItem],
    async ({ boardId, canvasId, box, text, index }) => {
      const role = await kit.allow(boardId, 'edit')
      const added = await editBoard(async () => {
        const found = await findCanvasToEdit(ctx, boardId, canvasId)
        requireWritableBox(found, box)
        requireSpaceIn(found.map, box)
        requireRoomFor(found.room, text.length)
        let id = ''
        await found.room.transact(() => {
          id = insertItem(found.map, box, index ?? Number.MAX_SAFE_INTEGER, text)
        })
        return { id, box, text }
      })
      kit.noteChange(boardId, role)
      return added
    },
  )

  kit.tool(
    T.editItem,
    'Replace the text of an item',
    I[T.editItem],
    async ({ boardId, canvasId, itemId, text }) => {
      const role = await kit.allow(boardId, 'edit')
      const edited = await editBoard(async () => {
        const found = await findCanvasToEdit(ctx, boardId, canvasId)
        const box = boxOfItem(found, itemId)
        requireWritableBox(found, box)
        requireRoomFor(found.room, text.length)
        await found.room.transact(() => {
          const items = getBoxItems(found.map, box)
          const item = items.get(findItemIndex(items, itemId))
          const current = existingText(item, 'text')
          if (current) setYText(current, text)
          else item.set('text', yText(text))
        })
        return { id: itemId, box, text }
      })
      kit.noteChange(boardId, role)
      return edited
    },
  )

  kit.tool(
    T.moveItem,
    'Move an item to a place in a box, of this canvas or another one on the board',
    I[T.moveItem],
    async ({ boardId, canvasId, itemId, toBox, toCanvasId, toIndex }) => {
      const role = await kit.allow(boardId, 'edit')
      const moved = await editBoard(async () => {
        const from = await findCanvasToEdit(ctx, boardId, canvasId)
        const box = boxOfItem(from, itemId)
        requireWritableBox(from, box)
        const to =
          toCanvasId && toCanvasId !== canvasId
            ? await findCanvasToEdit(ctx, boardId, toCanvasId)
            : from
        requireWritableBox(to, toBox)
        if (to !== from || toBox !== box) requireSpaceIn(to.map, toBox)
        await from.room.transact(() =>
          moveItem(
            { canvas: from.map, boxKey: box, itemId },
            { canvas: to.map, boxKey: toBox },
            toIndex ?? Number.MAX_SAFE_INTEGER,
          ),
        )
        const items = getBoxItems(to.map, toBox)
        return {
          id: itemId,
          canvasId: to.content.id,
          box: toBox,
          index: findItemIndex(items, itemId),
        }
      })
      kit.noteChange(boardId, role)
      return moved
    },
  )
}
