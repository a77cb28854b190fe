import { z } from 'zod'
import { ParticipantIdSchema } from './participant.js'
import { TimerActionSchema, TimerSchema, applyTimerAction, idleTimer } from './timer.js'
import {
  ScopeSchema,
  StartVotingBodySchema,
  VotingSchema,
  sameScope,
  type Scope,
  type VoteResult,
} from './voting.js'

/**
 * How much each part of the workshop state may hold. Actions that would go past a bound are
 * refused (see `workshopActionError`), so a stored state always passes its own schema. Ended
 * votes are not part of the state: the server keeps them apart, for the summary.
 */
export const WorkshopLimits = {
  facilitators: 50,
  privateScopes: 100,
  locks: 500,
} as const

const PrivateScopeSchema = z.object({ scope: ScopeSchema, since: z.number() })
const FollowSchema = z.object({ leaderId: ParticipantIdSchema, since: z.number() })
const SummonSchema = z.object({ leaderId: ParticipantIdSchema, at: z.number() })

/**
 * Everything a facilitator steers, for one board. The server owns it: it is changed only
 * through the workshop API by someone with the role, stored with the board, and shown to every
 * screen as the server's own presence state (see docs/protocol.md).
 */
export const WorkshopStateSchema = z.object({
  /** People the owner handed facilitation to (the owner always has it). */
  facilitatorIds: z.array(ParticipantIdSchema).max(WorkshopLimits.facilitators),
  timer: TimerSchema,
  /** The running vote, or the latest one with its results once it ended. */
  voting: VotingSchema.nullable(),
  /** Scopes where each person sees only their own new stickies and items until it ends. */
  privateScopes: z.array(PrivateScopeSchema).max(WorkshopLimits.privateScopes),
  /** Canvases and frames nobody can edit. */
  locks: z.array(ScopeSchema).max(WorkshopLimits.locks),
  /** Everyone's camera follows the leader's while this is set. */
  follow: FollowSchema.nullable(),
  /** The last time the facilitator called everyone to their view. */
  summon: SummonSchema.nullable(),
})
export type WorkshopState = z.infer<typeof WorkshopStateSchema>

export const initialWorkshopState = (): WorkshopState => ({
  facilitatorIds: [],
  timer: idleTimer(),
  voting: null,
  privateScopes: [],
  locks: [],
  follow: null,
  summon: null,
})

/** What a facilitator can do; `POST /api/boards/:boardId/workshop` takes one of these. */
export const WorkshopActionSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('timer'), timer: TimerActionSchema }),
  z.strictObject({ type: z.literal('startVoting'), voting: StartVotingBodySchema }),
  z.strictObject({ type: z.literal('endVoting') }),
  z.strictObject({ type: z.literal('private'), scope: ScopeSchema, on: z.boolean() }),
  z.strictObject({ type: z.literal('lock'), scope: ScopeSchema, locked: z.boolean() }),
  z.strictObject({ type: z.literal('follow'), on: z.boolean() }),
  z.strictObject({ type: z.literal('summon') }),
  z.strictObject({
    type: z.literal('facilitator'),
    participantId: ParticipantIdSchema,
    on: z.boolean(),
  }),
])
export type WorkshopAction = z.infer<typeof WorkshopActionSchema>

/** Who acts: their participant id, and whether they hold the owner link. */
export interface WorkshopActor {
  participantId: string
  isOwner: boolean
}

export const isFacilitator = (state: WorkshopState, actor: WorkshopActor) =>
  actor.isOwner || state.facilitatorIds.includes(actor.participantId)

/**
 * Why `actor` may not take `action`, or null. Refusals for want of a role start with "Only";
 * the others say what the state does not allow (a running vote, a full list).
 */
export function workshopActionError(
  state: WorkshopState,
  action: WorkshopAction,
  actor: WorkshopActor,
): string | null {
  if (action.type === 'facilitator') {
    if (!actor.isOwner) return 'Only the board owner hands over facilitation'
    const adds = action.on && !state.facilitatorIds.includes(action.participantId)
    if (adds && state.facilitatorIds.length >= WorkshopLimits.facilitators) {
      return `A board has at most ${WorkshopLimits.facilitators} facilitators: take it back from someone first`
    }
    return null
  }
  if (!isFacilitator(state, actor)) return 'Only the facilitator can do this'
  if (action.type === 'startVoting' && state.voting?.status === 'open') {
    return 'A vote is already running: end it first'
  }
  if (action.type === 'endVoting' && state.voting?.status !== 'open') return 'No vote is running'
  if (action.type === 'private' && action.on) {
    const adds = !state.privateScopes.some((p) => sameScope(p.scope, action.scope))
    if (adds && state.privateScopes.length >= WorkshopLimits.privateScopes) {
      return `At most ${WorkshopLimits.privateScopes} places can be private at once: end private mode somewhere first`
    }
  }
  if (action.type === 'lock' && action.locked) {
    const adds = !state.locks.some((s) => sameScope(s, action.scope))
    if (adds && state.locks.length >= WorkshopLimits.locks) {
      return `At most ${WorkshopLimits.locks} canvases and frames can be locked at once: unlock one first`
    }
  }
  return null
}

const withScope = <T extends { scope: Scope }>(list: T[], scope: Scope, on: boolean, entry: T) => {
  const rest = list.filter((e) => !sameScope(e.scope, scope))
  return on ? [...rest, entry] : rest
}

/**
 * The state after `action` (already checked with workshopActionError). Ending a vote needs its
 * results, which only the server can count: it passes them in `results`. Starting a vote
 * replaces the previous one, which the server has kept apart since it ended.
 */
export function applyWorkshopAction(
  state: WorkshopState,
  action: WorkshopAction,
  actor: WorkshopActor,
  now: number,
  ids: { newId: () => string; results?: { ranked: VoteResult[]; voters: number } },
): WorkshopState {
  switch (action.type) {
    case 'timer':
      return { ...state, timer: applyTimerAction(state.timer, action.timer, now) }
    case 'startVoting':
      return {
        ...state,
        voting: {
          id: ids.newId(),
          ...action.voting,
          status: 'open',
          startedAt: now,
          endedAt: null,
          results: null,
          voters: null,
        },
      }
    case 'endVoting':
      if (!state.voting) return state
      return {
        ...state,
        voting: {
          ...state.voting,
          status: 'closed',
          endedAt: now,
          results: ids.results?.ranked ?? [],
          voters: ids.results?.voters ?? 0,
        },
      }
    case 'private':
      return {
        ...state,
        privateScopes: withScope(state.privateScopes, action.scope, action.on, {
          scope: action.scope,
          since: now,
        }),
      }
    case 'lock': {
      const locks = state.locks.filter((s) => !sameScope(s, action.scope))
      return { ...state, locks: action.locked ? [...locks, action.scope] : locks }
    }
    case 'follow':
      return {
        ...state,
        follow: action.on ? { leaderId: actor.participantId, since: now } : null,
      }
    case 'summon':
      return { ...state, summon: { leaderId: actor.participantId, at: now } }
    case 'facilitator': {
      const others = state.facilitatorIds.filter((id) => id !== action.participantId)
      return { ...state, facilitatorIds: action.on ? [...others, action.participantId] : others }
    }
  }
}

/** The server's own presence state on a board: the workshop as it stands. */
export const WorkshopPresenceSchema = z.object({ workshop: WorkshopStateSchema })
export type WorkshopPresence = z.infer<typeof WorkshopPresenceSchema>
