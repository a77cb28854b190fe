import { readThreads } from '../../shared/doc/commentsDoc.js'
import type { BoardComments } from '../../shared/markdown/exportMarkdown.js'
import { describeTargets } from '../../shared/markdown/commentsSection.js'
import type { CanvasContent } from '../../shared/canvases/schema.js'
import {
  getBoardCanvases,
  readAllCanvases,
  readCanvas,
  type CanvasMap,
} from '../../shared/doc/canvasDoc.js'
import { getCanvasSpec } from '../../shared/canvases/registry.js'
import { readDrawings, type DrawnContent } from '../../shared/doc/drawings.js'
import type { ExportCanvas } from '../../shared/markdown/exportMarkdown.js'
import * as Y from 'yjs'
import { boardLocks } from '../../shared/workshop/locks.js'
import type { ServerContext } from '../context.js'
import { ApiError } from '../http/errors.js'
import { RoomClosedError, type Room } from '../sync/Room.js'
import { requireBoard } from './boards.js'

/** The loaded room of a live board (404 for an unknown or deleted board). */
export async function openBoardRoom(ctx: ServerContext, boardId: string): Promise<Room> {
  await requireBoard(ctx, boardId)
  return ctx.rooms.getRoom(boardId)
}

/**
 * Refuses an API edit that would take the board past its size limit (413), before it is made:
 * ingested data counts toward the limit like everything clients write.
 */
export function requireRoomFor(room: Room, bytes: number) {
  if (room.hasRoomFor(bytes)) return
  throw new ApiError(
    'payload_too_large',
    `This board is at its size limit; ${bytes} more bytes cannot be stored. Remove content or start another board.`,
  )
}

/**
 * Refuses an API edit of something a facilitator locked (423), before it is made: canvas
 * `canvasId`, or with none, a new canvas (only a locked board stops that).
 */
export async function requireUnlocked(ctx: ServerContext, room: Room, canvasId: string | null) {
  const { locks } = await ctx.workshop.get(room.boardId)
  if (locks.length === 0) return
  const { lockOfCanvas, lockOfChange } = boardLocks(room.doc, locks)
  const lock = canvasId ? lockOfCanvas(canvasId) : lockOfChange([{ root: '', key: null }])
  if (!lock) return
  throw new ApiError(
    'locked',
    lock.kind === 'board'
      ? 'A facilitator locked this board: nothing can be changed until it is unlocked'
      : `A facilitator locked this ${lock.kind}: it cannot be changed until it is unlocked`,
    { scope: lock },
  )
}

export interface FoundCanvas {
  room: Room
  map: CanvasMap
  content: CanvasContent
}

/** A canvas of a board, read and validated (404 when missing or of another kind). */
export async function findCanvas(
  ctx: ServerContext,
  boardId: string,
  canvasId: string,
  kind?: CanvasContent['kind'],
): Promise<FoundCanvas> {
  const room = await openBoardRoom(ctx, boardId)
  const entry: unknown = getBoardCanvases(room.doc).get(canvasId)
  // Clients write this map too: an entry that is not a canvas map is no canvas.
  const map: CanvasMap | undefined = entry instanceof Y.Map ? entry : undefined
  const content = map ? readCanvas(canvasId, map) : undefined
  if (!map || !content || (kind && content.kind !== kind)) {
    throw new ApiError(
      'not_found',
      kind
        ? `No ${kind} canvas with this id on this board`
        : 'No canvas with this id on this board',
    )
  }
  return { room, map, content }
}

/** A canvas as the markdown export needs it: with what its kind tracks, if anything. */
export function exportCanvasOf(content: CanvasContent, map: CanvasMap): ExportCanvas {
  const tracking = getCanvasSpec(content.kind).tracking
  return tracking ? { ...content, tracking: tracking.read(map) } : content
}

/** Every canvas of a board, ready for the markdown export. */
export function readCanvasesForExport(doc: Y.Doc): ExportCanvas[] {
  const maps = getBoardCanvases(doc)
  return readAllCanvases(doc).map((content) => exportCanvasOf(content, maps.get(content.id)!))
}

/**
 * What people drew on a board, for the markdown export and the summary: each shape's author
 * (a participant id in its meta) under the name that person last showed on the board.
 */
export function readDrawingsForExport(
  doc: Y.Doc,
  participants: readonly { id: string; name: string }[],
): DrawnContent {
  const names = new Map(participants.map((p) => [p.id, p.name]))
  return readDrawings(doc, { authorName: (id) => names.get(id) })
}

/** A board's comment threads for an export or the summary, with what each is pinned to. */
export async function readCommentsForExport(
  ctx: ServerContext,
  boardId: string,
  doc: Y.Doc,
): Promise<BoardComments> {
  const comments = await ctx.comments.room(boardId)
  return { threads: readThreads(comments.doc), describe: describeTargets(doc) }
}

/**
 * Runs an API edit, once more if the board's room was unloaded between opening it and
 * editing it (the second attempt opens it again). The edit must be safe to repeat up to the
 * point where it changes the document, which is the last thing it does.
 */
export async function editBoard<T>(edit: () => Promise<T>): Promise<T> {
  try {
    return await edit()
  } catch (error) {
    if (!(error instanceof RoomClosedError)) throw error
    return edit()
  }
}
