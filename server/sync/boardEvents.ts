import type { LinkRole } from '../../shared/api/links.js'
import type { BoardEvent } from '../../shared/protocol/bus.js'
import { CloseCodes } from '../../shared/protocol/closeCodes.js'
import type { CommentRooms } from '../comments/commentRooms.js'
import type { DraftRooms } from '../drafts/draftRooms.js'
import type { Logger } from '../logger.js'
import type { WorkshopService } from '../workshop/workshopService.js'
import type { WorkshopState } from '../../shared/workshop/workshopState.js'
import type { Room } from './Room.js'
import type { RoomBus } from './RoomBus.js'
import type { RoomManager } from './RoomManager.js'

export interface BoardEventsDeps {
  bus: RoomBus
  rooms: RoomManager
  drafts: DraftRooms
  comments: CommentRooms
  workshop: WorkshopService
  /** Shows a workshop state on a loaded room's screens and enforces its locks. */
  showWorkshop: (room: Room, state: WorkshopState) => void
  /** Reads the board's title from the store and shows it on a loaded room's screens. */
  showTitle: (boardId: string) => Promise<void>
  log: Logger
}

/**
 * What happens to a board's sessions, on this instance and every other: a changed link closes
 * the sessions opened with it, a deleted board closes all of them, and a workshop change made
 * elsewhere is read again and shown. Each action runs here and is published for the others;
 * what the others publish is run here.
 */
export function createBoardEvents(deps: BoardEventsDeps) {
  const { bus, rooms, drafts, comments, workshop, log } = deps

  const closeRole = async (boardId: string, role: LinkRole) => {
    const opened = (conn: { role: string }) => conn.role === role
    await rooms.closeConnections(boardId, opened, CloseCodes.Unauthorized)
    await drafts.closeConnections(boardId, opened, CloseCodes.Unauthorized)
  }
  const closeBoard = async (boardId: string) => {
    await rooms.closeBoard(boardId, CloseCodes.BoardDeleted)
    await drafts.closeBoard(boardId, CloseCodes.BoardDeleted)
    await comments.closeBoard(boardId)
  }
  const showLatestWorkshop = async (boardId: string) => {
    const state = await workshop.refresh(boardId)
    rooms.withLoadedRoom(boardId, (room) => deps.showWorkshop(room, state))
  }

  const run = async (event: BoardEvent) => {
    switch (event.type) {
      case 'linkChanged':
        return closeRole(event.boardId, event.role)
      case 'boardDeleted':
        return closeBoard(event.boardId)
      case 'workshop':
        return showLatestWorkshop(event.boardId)
      case 'renamed':
        return deps.showTitle(event.boardId)
    }
  }

  bus.onEvent((event) => {
    run(event).catch((error: unknown) =>
      log.error('bus.event_failed', {
        type: event.type,
        boardId: event.boardId,
        error: String(error),
      }),
    )
  })

  // Pub/sub keeps nothing for an instance that was not listening: after the bus was down, every
  // open board and workshop state is read again from the store.
  bus.onRecovered(() => {
    rooms.catchUp()
    drafts.catchUp()
    comments.catchUp()
    for (const boardId of workshop.cachedBoards()) {
      showLatestWorkshop(boardId).catch((error: unknown) =>
        log.error('bus.catch_up_failed', { boardId, error: String(error) }),
      )
    }
  })

  return {
    /** A share link was rotated or disabled: its sessions end everywhere, at once. */
    async linkChanged(boardId: string, role: LinkRole) {
      bus.publishEvent({ type: 'linkChanged', boardId, role })
      await closeRole(boardId, role)
    },
    /** A board was deleted: every session on it ends everywhere. */
    async boardDeleted(boardId: string) {
      bus.publishEvent({ type: 'boardDeleted', boardId })
      await closeBoard(boardId)
    },
    /** A board was renamed: every screen on it shows the new title, on every instance. */
    async renamed(boardId: string) {
      bus.publishEvent({ type: 'renamed', boardId })
      await deps.showTitle(boardId)
    },
    /** This instance stored a new workshop state: the others read it again. */
    workshopChanged(boardId: string) {
      bus.publishEvent({ type: 'workshop', boardId })
    },
  }
}

export type BoardEvents = ReturnType<typeof createBoardEvents>
