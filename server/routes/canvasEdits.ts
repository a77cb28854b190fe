import type {
  CanvasResponse,
  CreateCanvasBody,
  UpdateCanvasBody,
} from '../../shared/api/canvases.js'
import { getCanvasSpec } from '../../shared/canvases/registry.js'
import type { CanvasContent } from '../../shared/canvases/schema.js'
import {
  applyCanvasContent,
  emptyCanvas,
  getBoardCanvases,
  readCanvas,
  writeCanvas,
} from '../../shared/doc/canvasDoc.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import {
  editBoard,
  findCanvas,
  openBoardRoom,
  requireRoomFor,
  requireUnlocked,
  type FoundCanvas,
} from './boardDoc.js'
import { toCanvasContent } from './canvasInput.js'
import { canvasPatches } from './canvasPatches.js'
import { checkMetricLinks } from './metricLinks.js'

/** The API view of a canvas: content plus value-stream figures. */
export function canvasResponse(content: CanvasContent): CanvasResponse {
  const figures = getCanvasSpec(content.kind).figures?.(content)
  return figures === undefined ? content : { ...content, figures }
}

/** A canvas to change: refused with 423 while a facilitator has it locked. */
export async function findCanvasToEdit(
  ctx: ServerContext,
  boardId: string,
  canvasId: string,
  kind?: CanvasContent['kind'],
): Promise<FoundCanvas> {
  const found = await findCanvas(ctx, boardId, canvasId, kind)
  await requireUnlocked(ctx, found.room, canvasId)
  return found
}

/** The room of a board to add canvases to: refused with 423 while the board is locked. */
export async function boardRoomToEdit(ctx: ServerContext, boardId: string) {
  const room = await openBoardRoom(ctx, boardId)
  await requireUnlocked(ctx, room, null)
  return room
}

/**
 * Creates a canvas from an API body (the REST route and the agents' tools): refused while the
 * board is locked (423) or full (413), stored before it is relayed.
 */
export async function createCanvas(
  ctx: ServerContext,
  boardId: string,
  body: CreateCanvasBody,
  /** Who the kind's creation records (a hypothesis's lessons given at creation) name. */
  by = 'API',
): Promise<CanvasResponse> {
  const content = toCanvasContent(emptyCanvas(body.kind, body.title), body, [])
  return editBoard(async () => {
    const room = await boardRoomToEdit(ctx, boardId)
    requireRoomFor(room, JSON.stringify(content).length)
    await room.transact((doc) => {
      const map = writeCanvas(doc, content)
      const at = new Date(ctx.now()).toISOString()
      getCanvasSpec(content.kind).tracking?.created?.(map, { at, by })
    })
    return canvasResponse(readCanvas(content.id, getBoardCanvases(room.doc).get(content.id)!)!)
  })
}

/**
 * Changes what the body names and nothing else, under the rules of the canvas's kind (a
 * hypothesis's lifecycle: 409 with the reason when refused), all or nothing.
 */
export async function updateCanvas(
  ctx: ServerContext,
  boardId: string,
  canvasId: string,
  whole: UpdateCanvasBody,
): Promise<CanvasResponse> {
  // The members some kind takes beyond content (a hypothesis's status, …) are not content.
  const body: Record<string, unknown> = { ...whole }
  for (const p of canvasPatches) for (const key of [...p.members, ...p.extra]) delete body[key]
  return editBoard(async () => {
    const found = await findCanvasToEdit(ctx, boardId, canvasId)
    requireRoomFor(found.room, JSON.stringify(body).length)
    const rules = canvasPatches.find((p) => p.kind === found.content.kind)
    for (const p of canvasPatches) {
      if (p !== rules && p.members.some((key) => whole[key] !== undefined)) {
        throw new ApiError('invalid_body', p.refusal)
      }
    }
    rules?.check(whole)
    // A body that names only such members changes no content: patch with nothing named.
    const named = Object.keys(body)
    const patch = toCanvasContent(found.content, whole, named.length > 0 ? named : ['title'])
    checkMetricLinks(found.room.doc, found.content, patch)
    const planned = rules?.plan(found, patch, whole, ctx.now())
    await found.room.transact(() => {
      applyCanvasContent(found.map, planned ? planned.content : patch)
      planned?.then?.()
    })
    return canvasResponse(readCanvas(canvasId, found.map)!)
  })
}
