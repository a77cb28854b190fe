import type { Role } from '../../shared/api/links.js'
import type { Vote } from '../../shared/workshop/voting.js'

type MaybePromise<T> = T | Promise<T>

/** One key of a board. Link keys are kept so the owner can copy them again; owner keys are not. */
export interface StoredBoardKey {
  boardId: string
  role: Role
  /** The secret itself, for link roles; null for the owner's, of which only the hash is kept. */
  key: string | null
  enabled: boolean
}

/** Share links and owner keys, looked up by the hash of the secret a request carries. */
export interface BoardKeyStore {
  /** Adds or replaces the key of `role` on a board (creation and rotation). */
  putBoardKey(entry: {
    boardId: string
    role: Role
    key: string
    hash: string
    now: number
  }): MaybePromise<void>
  findBoardKey(hash: string): MaybePromise<StoredBoardKey | undefined>
  listBoardKeys(boardId: string): MaybePromise<StoredBoardKey[]>
  setBoardKeyEnabled(boardId: string, role: Role, enabled: boolean): MaybePromise<void>
  /** Boards that have no owner key yet (made before share links existed). */
  boardsWithoutKeys(): MaybePromise<string[]>
}

/**
 * The workshop state of each board (as JSON), the votes of running dot votes, and ended dot
 * votes with their results, kept apart from the state so that they never crowd it.
 */
export interface WorkshopStore {
  loadWorkshop(boardId: string): MaybePromise<string | undefined>
  /**
   * Stores the workshop state if the stored one is still `expected` (undefined: none stored
   * yet); false, storing nothing, when another instance changed it first (compare-and-set).
   */
  saveWorkshop(
    boardId: string,
    stateJson: string,
    now: number,
    expected: string | undefined,
  ): MaybePromise<boolean>
  /**
   * Compare-and-set of the workshop state as `saveWorkshop`, with ended votes stored in the
   * same transaction (an ended vote kept before under the same id is replaced): either both are
   * stored or neither is.
   */
  saveWorkshopWithPastVotes(
    boardId: string,
    stateJson: string,
    pastVotes: StoredPastVote[],
    now: number,
    expected: string | undefined,
  ): MaybePromise<boolean>
  /** Every ended vote kept for a board, oldest first. */
  listPastVotes(boardId: string): MaybePromise<StoredPastVote[]>
  /** Records a vote; false when a vote with this id was recorded before. */
  addVote(boardId: string, votingId: string, vote: Vote, now: number): MaybePromise<boolean>
  removeVote(
    boardId: string,
    votingId: string,
    voterId: string,
    itemId: string,
  ): MaybePromise<boolean>
  listVotes(boardId: string, votingId: string): MaybePromise<Vote[]>
  /** Notes that someone took part (first and last seen), for the workshop summary. */
  recordParticipant(boardId: string, participant: StoredParticipant): MaybePromise<void>
  listParticipants(boardId: string): MaybePromise<StoredParticipant[]>
}

/** An ended dot vote, kept for the workshop summary. */
export interface StoredPastVote {
  votingId: string
  /** Epoch ms. */
  endedAt: number
  /** The vote with its ranked results, as JSON. */
  votingJson: string
}

export interface StoredParticipant {
  id: string
  name: string
  role: Role
  /** Epoch ms; on record, the time seen. */
  seenAt: number
}
