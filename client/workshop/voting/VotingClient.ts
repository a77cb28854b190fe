import { z } from 'zod'
import type { MyVotes } from '../../../shared/api/workshop'
import type { Voting } from '../../../shared/workshop/voting'
import { ApiError } from '../../api/client'
import { castVote, myVotes, retractVote } from '../../api/workshop'

/** What this screen knows of its own votes in the running vote. */
export interface MyVotingState {
  votingId: string | null
  /** Items voted for, once per vote, including votes still on their way to the server. */
  mine: string[]
  remaining: number
  /** The latest refusal (budget used, one per item…), shown briefly; `at` tells a new one. */
  error: { message: string; at: number } | null
}

const PendingSchema = z.object({
  votingId: z.string(),
  votes: z.array(z.object({ voteId: z.string(), itemId: z.string() })),
})
type Pending = z.infer<typeof PendingSchema>

/** How long a refusal stays on screen. */
export const VoteErrorMs = 3500

const emptyState: MyVotingState = { votingId: null, mine: [], remaining: 0, error: null }

/** A vote id the server accepts (8–64 of A-Z a-z 0-9 _ -), random per click. */
export const newVoteId = () => crypto.randomUUID().replaceAll('-', '')

interface VotingApi {
  myVotes: typeof myVotes
  castVote: typeof castVote
  retractVote: typeof retractVote
}

/**
 * This person's votes on a board while a vote runs. Each click gets its own vote id, kept in
 * localStorage until the server confirms it: a request lost to a dropped connection or a reload
 * is sent again with the same id, and the server counts it once. React-free: subscribe, read,
 * dispose.
 */
export class VotingClient {
  private state: MyVotingState = emptyState
  private confirmed: MyVotes | null = null
  private readonly listeners = new Set<() => void>()
  private loading: AbortController | null = null
  private errorTimer: ReturnType<typeof setTimeout> | undefined
  private votesPerPerson = 0

  constructor(
    private readonly boardId: string,
    private readonly storage: Storage = localStorage,
    private readonly api: VotingApi = { myVotes, castVote, retractVote },
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  readonly getState = (): MyVotingState => this.state

  /** Follows the board's vote: loads my votes when one opens and resends unconfirmed ones. */
  setVoting(voting: Voting | null): void {
    const open = voting?.status === 'open' ? voting : null
    if (open?.id === this.state.votingId) return
    this.loading?.abort()
    this.loading = null
    this.confirmed = null
    if (!open) {
      this.state = { ...emptyState, error: this.state.error }
      this.emit()
      return
    }
    this.votesPerPerson = open.votesPerPerson
    this.state = { ...emptyState, votingId: open.id }
    this.refresh()
    void this.load(open.id)
  }

  /** Casts one vote for an item. */
  cast(itemId: string): void {
    const votingId = this.state.votingId
    if (!votingId) return
    if (this.state.remaining <= 0) {
      this.fail('You have used all your votes')
      return
    }
    const vote = { voteId: newVoteId(), itemId }
    this.writePending(votingId, [...this.readPending(votingId), vote])
    this.refresh()
    void this.send(votingId, vote)
  }

  /** Takes back one of my votes on an item. */
  async retract(itemId: string): Promise<void> {
    const votingId = this.state.votingId
    if (!votingId) return
    const pending = this.readPending(votingId)
    const unsent = pending.findLastIndex((v) => v.itemId === itemId)
    try {
      // A vote still on its way may already be counted: wait for it before taking one back.
      if (unsent >= 0) await this.send(votingId, pending[unsent]!)
      this.confirm(votingId, await this.api.retractVote(this.boardId, itemId))
    } catch (error) {
      this.fail(messageOf(error))
    }
  }

  dispose(): void {
    this.loading?.abort()
    clearTimeout(this.errorTimer)
    this.listeners.clear()
  }

  private async load(votingId: string): Promise<void> {
    const controller = new AbortController()
    this.loading = controller
    try {
      const votes = await this.api.myVotes(this.boardId, controller.signal)
      if (controller.signal.aborted) return
      this.confirm(votingId, votes)
      for (const vote of this.readPending(votingId)) await this.send(votingId, vote)
    } catch (error) {
      if (!controller.signal.aborted) this.fail(messageOf(error))
    }
  }

  private async send(votingId: string, vote: { voteId: string; itemId: string }): Promise<void> {
    try {
      const votes = await this.api.castVote(this.boardId, vote.itemId, vote.voteId)
      this.writePending(
        votingId,
        this.readPending(votingId).filter((v) => v.voteId !== vote.voteId),
      )
      this.confirm(votingId, votes)
    } catch (error) {
      // Unreachable server: the vote stays pending and is sent again with the same id later.
      if (error instanceof ApiError && error.code !== 'network' && error.status < 500) {
        this.dropPending(votingId, vote.voteId)
      }
      this.fail(messageOf(error))
    }
  }

  private confirm(votingId: string, votes: MyVotes): void {
    if (votingId !== this.state.votingId) return
    this.confirmed = votes
    this.refresh()
  }

  private refresh(): void {
    const votingId = this.state.votingId
    if (!votingId) return
    const pending = this.readPending(votingId)
    const confirmed = this.confirmed?.votingId === votingId ? this.confirmed : null
    const mine = [...(confirmed?.mine ?? []), ...pending.map((v) => v.itemId)]
    const remaining = Math.max(0, (confirmed?.remaining ?? this.votesPerPerson) - pending.length)
    this.state = { ...this.state, mine, remaining }
    this.emit()
  }

  private fail(message: string): void {
    clearTimeout(this.errorTimer)
    this.state = { ...this.state, error: { message, at: Date.now() } }
    this.emit()
    this.errorTimer = setTimeout(() => {
      this.state = { ...this.state, error: null }
      this.emit()
    }, VoteErrorMs)
  }

  private get storageKey() {
    return `discovery-board:pending-votes:${this.boardId}`
  }

  private readPending(votingId: string): Pending['votes'] {
    try {
      const parsed = PendingSchema.safeParse(
        JSON.parse(this.storage.getItem(this.storageKey) ?? 'null'),
      )
      return parsed.success && parsed.data.votingId === votingId ? parsed.data.votes : []
    } catch {
      return []
    }
  }

  private writePending(votingId: string, votes: Pending['votes']): void {
    if (votes.length === 0) this.storage.removeItem(this.storageKey)
    else this.storage.setItem(this.storageKey, JSON.stringify({ votingId, votes }))
  }

  private dropPending(votingId: string, voteId: string): void {
    this.writePending(
      votingId,
      this.readPending(votingId).filter((v) => v.voteId !== voteId),
    )
    this.refresh()
  }

  private emit(): void {
    for (const listener of this.listeners) listener()
  }
}

const messageOf = (error: unknown) =>
  error instanceof ApiError ? error.message : 'Your vote could not be sent'
