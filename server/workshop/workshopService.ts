import { newId } from '../../shared/canvases/schema.js'
import { readStoredWorkshopState, repairVoting } from '../../shared/workshop/storedState.js'
import {
  applyWorkshopAction,
  initialWorkshopState,
  workshopActionError,
  WorkshopStateSchema,
  type WorkshopAction,
  type WorkshopActor,
  type WorkshopState,
} from '../../shared/workshop/workshopState.js'
import type { VotableItem } from '../../shared/workshop/votableItems.js'
import {
  countVoters,
  rankResults,
  voteError,
  type Scope,
  type Vote,
  type Voting,
} from '../../shared/workshop/voting.js'
import type { StoredPastVote, WorkshopStore } from '../access/accessTypes.js'
import { ApiError } from '../http/errors.js'
import { createLogger, type Logger } from '../logger.js'

export interface WorkshopServiceDeps {
  store: WorkshopStore
  now: () => number
  /** The items a vote on `scope` covers, read from the board's document. */
  items: (boardId: string, scope: Scope) => Promise<VotableItem[]>
  /** Shows the new state on every screen of the board. */
  publish: (boardId: string, state: WorkshopState) => void
  /**
   * Moves everyone's private drafts that neither a private scope nor a lock of `state` covers
   * into the board; runs when private mode or a lock ends somewhere. Throws when the board could
   * not store them.
   */
  reveal?: (boardId: string, state: WorkshopState) => Promise<void>
  /** Where a stored state that had to be repaired is reported (stderr when not given). */
  log?: Logger
}

const toStored = (voting: Voting): StoredPastVote => ({
  votingId: voting.id,
  endedAt: voting.endedAt ?? voting.startedAt,
  votingJson: JSON.stringify(voting),
})

/** A board's state as read, with the stored text a change must replace (compare-and-set). */
interface Current {
  state: WorkshopState
  stored: string | undefined
}

/** How often an action is judged again when another instance keeps changing the state. */
const MAX_ATTEMPTS = 5

const byEnd = (a: Voting, b: Voting) => (a.endedAt ?? a.startedAt) - (b.endedAt ?? b.startedAt)

/**
 * The workshop state of each board: loaded from the store on first use (a stored state that
 * fails its schema is repaired part by part and reported), changed only through `act` by
 * someone with the role. A change is stored first; only once the store has it is it cached and
 * published, so a store that refuses it leaves everything as it was. Ended votes are stored
 * apart from the state, for the summary. Changes to one board run one at a time, so two
 * facilitators clicking at once cannot lose either change.
 */
export function createWorkshopService(deps: WorkshopServiceDeps) {
  const log = deps.log ?? createLogger('warn')
  /** Each board's state with the stored text it was read as (what a change must replace). */
  const states = new Map<string, Current>()
  const loading = new Map<string, Promise<Current>>()
  /** Bumped when another instance changed a board's state: a read begun before is stale. */
  const generations = new Map<string, number>()
  /** Ended votes read from an older stored state that could not be moved out of it yet. */
  const unmoved = new Map<string, Voting[]>()
  const queues = new Map<string, Promise<unknown>>()

  /** Runs `fn` after every earlier change of the same board. */
  function serial<T>(boardId: string, fn: () => Promise<T>): Promise<T> {
    const previous = queues.get(boardId) ?? Promise.resolve()
    const run = previous.then(fn, fn)
    const settled = run.catch(() => undefined)
    queues.set(boardId, settled)
    void settled.then(() => {
      if (queues.get(boardId) === settled) queues.delete(boardId)
    })
    return run
  }

  async function load(boardId: string): Promise<Current> {
    const json = await deps.store.loadWorkshop(boardId)
    if (json === undefined) return { state: initialWorkshopState(), stored: undefined }
    const read = readStoredWorkshopState(json)
    if (read.issues.length > 0) {
      log.error('workshop.state_invalid', { boardId, issues: read.issues })
    }
    if (read.issues.length > 0 || read.pastVotes.length > 0) {
      // Store the repaired state, with the ended votes an older version kept inside it moved
      // to their own place. If the store refuses, the stored state still reads the same way
      // next time, and the next change stores both.
      const repaired = JSON.stringify(read.state)
      try {
        const stored = await deps.store.saveWorkshopWithPastVotes(
          boardId,
          repaired,
          read.pastVotes.map(toStored),
          deps.now(),
          json,
        )
        // Another instance changed it meanwhile: the next change reads it again.
        if (stored) return { state: read.state, stored: repaired }
      } catch (error) {
        log.error('workshop.repair_not_stored', { boardId, error: String(error) })
        if (read.pastVotes.length > 0) unmoved.set(boardId, read.pastVotes)
      }
    }
    return { state: read.state, stored: json }
  }

  async function current(boardId: string): Promise<Current> {
    const cached = states.get(boardId)
    if (cached) return cached
    let pending = loading.get(boardId)
    if (!pending) {
      const generation = generations.get(boardId) ?? 0
      pending = load(boardId)
        .then((read) => {
          // A change stored while this load ran is newer than what it read; a change another
          // instance announced meanwhile makes what it read stale.
          if ((generations.get(boardId) ?? 0) !== generation) return read
          if (!states.has(boardId)) states.set(boardId, read)
          return states.get(boardId)!
        })
        .finally(() => {
          if (loading.get(boardId) === pending) loading.delete(boardId)
        })
      loading.set(boardId, pending)
    }
    return pending
  }

  const get = async (boardId: string): Promise<WorkshopState> => (await current(boardId)).state

  /** Forgets what was read of a board's state, so that the next read asks the store. */
  function forget(boardId: string) {
    generations.set(boardId, (generations.get(boardId) ?? 0) + 1)
    states.delete(boardId)
    loading.delete(boardId)
  }

  /**
   * Stores `next` (with `ended`, votes that ended, kept apart) over `stored`, the stored text it
   * was computed from, then caches and publishes it. Null when another instance changed the
   * state first (nothing stored). Throws, changing nothing, when the store refuses it or when
   * it would not pass its schema.
   */
  async function save(boardId: string, next: WorkshopState, ended: Voting[], stored: Current) {
    const checked = WorkshopStateSchema.safeParse(next)
    if (!checked.success) {
      const issues = checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
      throw new ApiError(
        'conflict',
        'The workshop cannot take this change: it would go past what a board keeps',
        { issues },
      )
    }
    const json = JSON.stringify(next)
    const pastVotes = [...(unmoved.get(boardId) ?? []), ...ended].map(toStored)
    const saved =
      pastVotes.length > 0
        ? await deps.store.saveWorkshopWithPastVotes(
            boardId,
            json,
            pastVotes,
            deps.now(),
            stored.stored,
          )
        : await deps.store.saveWorkshop(boardId, json, deps.now(), stored.stored)
    if (!saved) return null
    unmoved.delete(boardId)
    states.set(boardId, { state: next, stored: json })
    try {
      deps.publish(boardId, next)
    } catch (error) {
      // Stored and cached: screens get it with the next change or when the room loads again.
      log.error('workshop.publish_failed', { boardId, error: String(error) })
    }
    return next
  }

  /** Applies a facilitator action to `read` and stores it over it; null if it was stale. */
  async function actOn(
    boardId: string,
    read: Current,
    action: WorkshopAction,
    actor: WorkshopActor,
  ): Promise<WorkshopState | null> {
    const { state } = read
    const error = workshopActionError(state, action, actor)
    if (error) {
      const forbidden = error.startsWith('Only')
      throw new ApiError(forbidden ? 'forbidden' : 'conflict', error)
    }
    let results: { ranked: ReturnType<typeof rankResults>; voters: number } | undefined
    if (action.type === 'endVoting' && state.voting) {
      const votes = await deps.store.listVotes(boardId, state.voting.id)
      const items = await deps.items(boardId, state.voting.scope)
      results = { ranked: rankResults(items, votes), voters: countVoters(votes) }
    }
    const next = applyWorkshopAction(state, action, actor, deps.now(), { newId, results })
    // An ended vote is kept apart as soon as it ends; the one a new vote replaces is kept
    // again (the same row), in case an older version ended it.
    const ended: Voting[] = []
    if (action.type === 'endVoting' && next.voting) ended.push(next.voting)
    if (action.type === 'startVoting' && state.voting?.status === 'closed') {
      ended.push(state.voting)
    }
    const saved = await save(boardId, next, ended, read)
    if (!saved) return null
    // Once the state says a scope is public (and unlocked), its drafts join the board. If the
    // board cannot store them they stay drafts, and ending it again (allowed) retries.
    const ends =
      (action.type === 'private' && !action.on) || (action.type === 'lock' && !action.locked)
    if (ends && deps.reveal) await deps.reveal(boardId, saved)
    return saved
  }

  async function votesOf(boardId: string, voterId: string) {
    const state = await get(boardId)
    if (!state.voting) return { voting: null, mine: [] as Vote[] }
    const all = await deps.store.listVotes(boardId, state.voting.id)
    return { voting: state.voting, mine: all.filter((v) => v.voterId === voterId) }
  }

  return {
    get,

    /** Takes a facilitator action; 403 without the role, 409 when the state does not allow it. */
    act: (boardId: string, action: WorkshopAction, actor: WorkshopActor) =>
      serial(boardId, async () => {
        // Another instance may change the state between the read and the write: then the
        // write stores nothing and the action is judged again against the state it made, so
        // two facilitators' actions both apply, or the second is refused; neither is lost.
        for (let attempt = 1; ; attempt++) {
          const read = await current(boardId)
          const saved = await actOn(boardId, read, action, actor)
          if (saved) return saved
          forget(boardId)
          if (attempt === MAX_ATTEMPTS) {
            throw new ApiError(
              'conflict',
              'The workshop kept changing under this action: try again in a moment',
            )
          }
        }
      }),

    /** Every ended vote of a board with its results, oldest first, for the summary. */
    async pastVotes(boardId: string): Promise<Voting[]> {
      const state = await get(boardId)
      const votes: Voting[] = []
      const seen = new Set<string>()
      const add = (voting: Voting) => {
        if (voting.status !== 'closed' || seen.has(voting.id)) return
        seen.add(voting.id)
        votes.push(voting)
      }
      for (const row of await deps.store.listPastVotes(boardId)) {
        let voting: Voting | null = null
        try {
          voting = repairVoting(JSON.parse(row.votingJson))
        } catch {
          voting = null
        }
        if (voting) add(voting)
        else log.error('workshop.past_vote_invalid', { boardId, votingId: row.votingId })
      }
      for (const voting of unmoved.get(boardId) ?? []) add(voting)
      if (state.voting) add(state.voting)
      return votes.sort(byEnd)
    },

    /** Casts one dot vote; a vote id seen before counts once. Returns the voter's own votes. */
    vote: (boardId: string, voterId: string, voteId: string, itemId: string) =>
      serial(boardId, async () => {
        const { voting, mine } = await votesOf(boardId, voterId)
        if (voting && mine.some((v) => v.id === voteId)) return { voting, mine }
        const items = voting ? await deps.items(boardId, voting.scope) : []
        const error = voteError(voting, mine, itemId, new Set(items.map((i) => i.id)))
        if (error || !voting) throw new ApiError('conflict', error ?? 'No vote is running')
        const vote = { id: voteId, voterId, itemId }
        await deps.store.addVote(boardId, voting.id, vote, deps.now())
        return { voting, mine: [...mine, vote] }
      }),

    /** Takes back one of the voter's votes on an item while the vote runs. */
    unvote: (boardId: string, voterId: string, itemId: string) =>
      serial(boardId, async () => {
        const { voting } = await votesOf(boardId, voterId)
        if (!voting || voting.status !== 'open')
          throw new ApiError('conflict', 'No vote is running')
        await deps.store.removeVote(boardId, voting.id, voterId, itemId)
        return votesOf(boardId, voterId)
      }),

    /** The voter's own votes in the current vote (others' stay secret until it ends). */
    myVotes: votesOf,

    /** Forgets a board's cached state (when its room unloads); the store keeps it. */
    evict(boardId: string) {
      if (queues.has(boardId) || loading.has(boardId)) return
      states.delete(boardId)
      unmoved.delete(boardId)
      generations.delete(boardId)
    },

    /**
     * Another instance changed a board's state (or may have, while the bus was down): reads it
     * again and returns it.
     */
    refresh(boardId: string): Promise<WorkshopState> {
      forget(boardId)
      return get(boardId)
    },

    /** The boards whose state this instance holds. */
    cachedBoards: () => [...states.keys()],
  }
}

export type WorkshopService = ReturnType<typeof createWorkshopService>
