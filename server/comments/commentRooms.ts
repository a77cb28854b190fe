import { CommentsQueryParam } from '../../shared/protocol/syncParams.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { BoardAccess } from '../access/boardAccess.js'
import { syncRole } from '../access/syncAccess.js'
import type { Persistence } from '../persistence/types.js'
import type { Room, RoomDeps } from '../sync/Room.js'
import { RoomManager, type Authorize, type ClientSession } from '../sync/RoomManager.js'

/** The stored document of a board's comments (shared/doc/commentsDoc.ts); never a board's id. */
export const commentsDocumentId = (boardId: string) => `${boardId}/comments`

/** Whether a sync URL asks for the board's comments rather than the board. */
export const asksForComments = (url: URL) => url.searchParams.get(CommentsQueryParam) === '1'

export interface CommentRoomsDeps extends Omit<RoomDeps, 'hooks'> {
  persistence: Persistence
  access: BoardAccess
  unloadAfterMs: number
}

/**
 * Each board's comments: a room of its own that every screen of the board syncs read-only and
 * only the server writes (server/routes/comments.ts), stored like a board and carried across
 * instances by the bus like one. Deleting a board for good deletes it with the board's drafts.
 */
export function createCommentRooms(deps: CommentRoomsDeps) {
  const { persistence, access } = deps
  const authorize: Authorize = async ({ boardId, url }) => {
    const opened = await syncRole({ boards: persistence, access }, boardId, url)
    if ('refuse' in opened) return opened
    const { role } = opened
    // Everyone on the board reads the comments; they are written through the REST API.
    return { permission: 'read', role, roomId: commentsDocumentId(boardId) }
  }
  const rooms = new RoomManager({ ...deps, store: persistence, authorize })
  return {
    /** Opens a board's comments for a socket (see `asksForComments`). */
    open(boardId: string, socket: Parameters<RoomManager['open']>[1], url: URL, headers: Headers) {
      return rooms.open(boardId, socket, url, headers) satisfies ClientSession
    },
    /** The loaded room of a board's comments. */
    room: (boardId: string): Promise<Room> => rooms.getRoom(commentsDocumentId(boardId)),
    /** Closes every comments connection of a board (deleted board). */
    closeBoard: (boardId: string) =>
      rooms.closeBoard(commentsDocumentId(boardId), CloseCodes.BoardDeleted),
    /** Reads the loaded comments again from the store (after the bus was down). */
    catchUp: () => rooms.catchUp(),
    /** Closes everything (server shutdown). */
    closeAll: () => rooms.closeAll(),
  }
}

export type CommentRooms = ReturnType<typeof createCommentRooms>
