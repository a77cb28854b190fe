import { newId } from '../../shared/canvases/schema.js'
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
} from '../../shared/workshop/voting.js'
import type { WorkshopStore } from '../access/accessTypes.js'
import { ApiError } from '../http/errors.js'

export interface WorkshopServiceDeps {
  store: WorkshopStore
  now: () => number
  /** The items a vote on `scope` covers, read from the board's document. */
  items: (boardId: string, scope: Scope) => Promise<VotableItem[]>
  /** Shows the new state on every screen of the board. */
  publish: (boardId: string, state: WorkshopState) => void
}

/**
 * The workshop state of each board: loaded from the store on first use, changed only through
 * `act` by someone with the role, stored before it is published. Changes to one board run one
 * at a time, so two facilitators clicking at once cannot lose either change.
 */
export function createWorkshopService(deps: WorkshopServiceDeps) {
  const states = new Map<string, WorkshopState>()
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

  async function get(boardId: string): Promise<WorkshopState> {
    const cached = states.get(boardId)
    if (cached) return cached
    const json = await deps.store.loadWorkshop(boardId)
    let state = initialWorkshopState()
    if (json) {
      // Stored by this server, but an older version may have written it: take what still parses.
      const parsed = WorkshopStateSchema.safeParse(JSON.parse(json))
      if (parsed.success) state = parsed.data
    }
    states.set(boardId, state)
    return state
  }

  async function save(boardId: string, state: WorkshopState) {
    await deps.store.saveWorkshop(boardId, JSON.stringify(state), deps.now())
    states.set(boardId, state)
    deps.publish(boardId, state)
    return state
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
        return save(boardId, next)
      }),

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
      if (!queues.has(boardId)) states.delete(boardId)
    },
  }
}

export type WorkshopService = ReturnType<typeof createWorkshopService>
