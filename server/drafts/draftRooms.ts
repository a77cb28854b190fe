import { RoleAbilities } from '../../shared/api/links.js'
import { CloseCodes, type CloseCode } from '../../shared/protocol/closeCodes.js'
import { DraftsQueryParam } from '../../shared/protocol/syncParams.js'
import type { WorkshopState } from '../../shared/workshop/workshopState.js'
import type { BoardAccess } from '../access/boardAccess.js'
import { syncRole } from '../access/syncAccess.js'
import type { Logger } from '../logger.js'
import type { Persistence } from '../persistence/types.js'
import type { Connection } from '../sync/Connection.js'
import { participantOfSyncUrl } from '../sync/presenceIdentity.js'
import type { Room, RoomDeps } from '../sync/Room.js'
import { RoomManager, type Authorize, type ClientSession } from '../sync/RoomManager.js'
import { draftDocumentId, draftOwner, draftPrefix } from './draftIds.js'
import {
  applyLateEdits,
  applyReveal,
  clearRevealed,
  lateEdits,
  planReveal,
  revealsAnything,
} from './revealDrafts.js'

/** What decides which drafts stay drafts: the private scopes and the locks. */
type Holding = Pick<WorkshopState, 'privateScopes' | 'locks'>

export interface DraftRoomsDeps extends Omit<RoomDeps, 'hooks'> {
  persistence: Persistence
  access: BoardAccess
  /** The board's own room, where revealed drafts go. */
  boardRoom: (boardId: string) => Promise<Room>
  /** The workshop state of a board as it stands. */
  workshop: (boardId: string) => Promise<Holding>
  unloadAfterMs: number
  log: Logger
}

/** Whether a sync URL asks for the drafts of its person rather than the board. */
export const asksForDrafts = (url: URL) => url.searchParams.get(DraftsQueryParam) === '1'

/**
 * Everyone's private drafts (shared/doc/draftDoc.ts): one document per person and board, each
 * a room of its own that only that person can open, stored like a board but never read by the
 * board's routes, exports or indexes. Ending private mode moves what it covered into the board
 * (`reveal`), whether or not the author is connected.
 */
export function createDraftRooms(deps: DraftRoomsDeps) {
  const { persistence, access, log } = deps

  // The room is derived from the board and the participant of the secret: a connection reaches
  // its own person's drafts or none. Drafts are for those who may edit the board.
  const authorize: Authorize = async ({ boardId, url }) => {
    const opened = await syncRole({ boards: persistence, access }, boardId, url)
    if ('refuse' in opened) return opened
    const { role } = opened
    if (!RoleAbilities.edit(role)) return { refuse: CloseCodes.Forbidden }
    const participant = participantOfSyncUrl(url)
    if (participant === 'invalid') return { refuse: CloseCodes.IdentityRefused }
    const { participantId } = participant
    if (participantId === null) return { refuse: CloseCodes.Unauthorized }
    return {
      permission: 'write',
      role,
      participantId,
      roomId: draftDocumentId(boardId, participantId),
    }
  }

  /** Drafts written after the last scope ended (a screen that had not heard yet) follow. */
  const pending = new Map<string, NodeJS.Timeout>()
  const onChange = (draftId: string) => {
    if (pending.has(draftId)) return
    const boardId = draftId.slice(0, draftId.indexOf('/'))
    const timer = setTimeout(() => {
      pending.delete(draftId)
      void deps
        .workshop(boardId)
        .then((state) =>
          state.privateScopes.length === 0 ? revealOne(boardId, draftId, state) : undefined,
        )
        .catch((error: unknown) =>
          log.error('drafts.reveal_failed', { boardId, error: String(error) }),
        )
    }, 150)
    timer.unref()
    pending.set(draftId, timer)
  }

  const rooms = new RoomManager({
    ...deps,
    store: persistence,
    hooks: { onChange },
    authorize,
  })

  /** Moves what no private scope or lock covers from one person's drafts into the board. */
  async function revealOne(boardId: string, draftId: string, holding: Holding) {
    const author = draftOwner(boardId, draftId)
    if (!author) return 0
    const draft = await rooms.getRoom(draftId)
    const board = await deps.boardRoom(boardId)
    const plan = planReveal(draft.doc, board.doc, holding)
    if (!revealsAnything(plan)) return 0
    if (plan.records.length > 0 || plan.items.length > 0) {
      // Stored, then relayed; only then are the drafts cleared, so a failure in between
      // leaves them to be moved again (the board keeps what it holds already once).
      await board.transact((doc) => applyReveal(doc, plan, author, deps.now()))
      // The author may have typed on while the board stored them: that goes in as well. The
      // check and the clearing below run in one turn, so nothing can slip between them.
      for (let late = lateEdits(draft.doc, plan); late; late = lateEdits(draft.doc, plan)) {
        const edits = late
        await board.transact((doc) => applyLateEdits(doc, edits, author, deps.now()))
      }
    }
    await draft.transact((doc) => clearRevealed(doc, plan))
    return plan.records.length + plan.items.length
  }

  return {
    /** Opens a person's drafts for a socket (see `asksForDrafts`). */
    open(boardId: string, socket: Parameters<RoomManager['open']>[1], url: URL, headers: Headers) {
      return rooms.open(boardId, socket, url, headers) satisfies ClientSession
    },

    /**
     * Moves everyone's drafts on a board that neither a private scope nor a lock of `holding`
     * covers into the board, each with its author and time; resolves once every one is stored.
     * One person's drafts that cannot be read or moved do not hold up the others'; then it
     * throws, those drafts stay, and ending private mode again moves them.
     */
    async reveal(boardId: string, holding: Holding) {
      const prefix = draftPrefix(boardId)
      const stored = await persistence.listDocuments(prefix)
      const loaded = rooms.roomIds().filter((id) => id.startsWith(prefix))
      let moved = 0
      let failure: unknown = null
      for (const draftId of new Set([...stored, ...loaded])) {
        try {
          moved += await revealOne(boardId, draftId, holding)
        } catch (error) {
          log.error('drafts.reveal_failed', { boardId, error: String(error) })
          failure ??= error
        }
      }
      if (moved > 0) log.info('drafts.revealed', { boardId, count: moved })
      if (failure !== null) throw failure
    },

    /** Closes every drafts connection of a board (deleted board). */
    async closeBoard(boardId: string, code: CloseCode) {
      const prefix = draftPrefix(boardId)
      for (const id of rooms.roomIds().filter((r) => r.startsWith(prefix))) {
        await rooms.closeBoard(id, code)
      }
    },

    /** Closes a board's drafts connections that `which` picks (a disabled link). */
    async closeConnections(boardId: string, which: (conn: Connection) => boolean, code: CloseCode) {
      const prefix = draftPrefix(boardId)
      for (const id of rooms.roomIds().filter((r) => r.startsWith(prefix))) {
        await rooms.closeConnections(id, which, code)
      }
    },

    /** Reads every loaded drafts document again from the store (after the bus was down). */
    catchUp: () => rooms.catchUp(),

    /** Closes everything (server shutdown). */
    async closeAll() {
      for (const timer of pending.values()) clearTimeout(timer)
      pending.clear()
      await rooms.closeAll()
    },
  }
}

export type DraftRooms = ReturnType<typeof createDraftRooms>
