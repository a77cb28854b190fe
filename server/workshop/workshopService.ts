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
  const states = new Map<string, WorkshopState>()
  const loading = new Map<string, Promise<WorkshopState>>()
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

  async function load(boardId: string): Promise<WorkshopState> {
    const json = await deps.store.loadWorkshop(boardId)
    if (json === undefined) return initialWorkshopState()
    const read = readStoredWorkshopState(json)
    if (read.issues.length > 0) {
      log.error('workshop.state_invalid', { boardId, issues: read.issues })
    }
    if (read.issues.length > 0 || read.pastVotes.length > 0) {
      // Store the repaired state, with the ended votes an older version kept inside it moved
      // to their own place. If the store refuses, the stored state still reads the same way
      // next time, and the next change stores both.
      try {
        await deps.store.saveWorkshopWithPastVotes(
          boardId,
          JSON.stringify(read.state),
          read.pastVotes.map(toStored),
          deps.now(),
        )
      } catch (error) {
        log.error('workshop.repair_not_stored', { boardId, error: String(error) })
        if (read.pastVotes.length > 0) unmoved.set(boardId, read.pastVotes)
      }
    }
    return read.state
  }

  async function get(boardId: string): Promise<WorkshopState> {
    const cached = states.get(boardId)
    if (cached) return cached
    let pending = loading.get(boardId)
    if (!pending) {
      pending = load(boardId)
        .then((state) => {
          // A change stored while this load ran is newer than what it read.
          if (!states.has(boardId)) states.set(boardId, state)
          return states.get(boardId)!
        })
        .finally(() => loading.delete(boardId))
      loading.set(boardId, pending)
    }
    return pending
  }

  /**
   * Stores `next` (with `ended`, votes that ended, kept apart), then caches and publishes it.
   * Throws, changing nothing, when the store refuses it or when it would not pass its schema.
   */
  async function save(boardId: string, next: WorkshopState, ended: Voting[]) {
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
    if (pastVotes.length > 0) {
      await deps.store.saveWorkshopWithPastVotes(boardId, json, pastVotes, deps.now())
    } else {
      await deps.store.saveWorkshop(boardId, json, deps.now())
    }
    unmoved.delete(boardId)
    states.set(boardId, next)
    try {
      deps.publish(boardId, next)
    } catch (error) {
      // Stored and cached: screens get it with the next change or when the room loads again.
      log.error('workshop.publish_failed', { boardId, error: String(error) })
    }
    return next
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
        const state = await get(boardId)
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
        const saved = await save(boardId, next, ended)
        // Once the state says a scope is public (and unlocked), its drafts join the board. If the
        // board cannot store them they stay drafts, and ending it again (allowed) retries.
        const ends =
          (action.type === 'private' && !action.on) || (action.type === 'lock' && !action.locked)
        if (ends && deps.reveal) await deps.reveal(boardId, saved)
        return saved
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
    },
  }
}

export type WorkshopService = ReturnType<typeof createWorkshopService>
