import { z } from 'zod'
import { EntityIdSchema } from '../canvases/schema.js'

/** What a vote, private mode or a lock applies to: the whole board, one canvas or one frame. */
export const ScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('board') }),
  z.strictObject({ kind: z.literal('canvas'), canvasId: EntityIdSchema }),
  z.strictObject({ kind: z.literal('frame'), shapeId: z.string().regex(/^shape:[\w-]{1,64}$/) }),
])
export type Scope = z.infer<typeof ScopeSchema>

export const sameScope = (a: Scope, b: Scope) => JSON.stringify(a) === JSON.stringify(b)

/** How much one vote keeps: its ranked lines, and each line's label. */
export const VoteLimits = {
  /** Ranked lines kept per vote: the most voted first, so only unvoted tails are ever cut. */
  results: 1000,
  /** Characters of an item's label kept in the results. */
  label: 300,
  /** Characters of an item id (the longest a voter can send). */
  itemId: 80,
} as const

/** One ranked line of a finished vote. */
export const VoteResultSchema = z.object({
  itemId: z.string().max(VoteLimits.itemId),
  label: z.string().max(VoteLimits.label),
  votes: z.number().int().min(0),
})
export type VoteResult = z.infer<typeof VoteResultSchema>

/** A dot vote. Anonymous while open: only the server knows who voted for what. */
export const VotingSchema = z.object({
  id: EntityIdSchema,
  scope: ScopeSchema,
  votesPerPerson: z.number().int().min(1).max(20),
  onePerItem: z.boolean(),
  status: z.enum(['open', 'closed']),
  startedAt: z.number(),
  endedAt: z.number().nullable(),
  /** Filled in when the facilitator ends the vote: every item, most votes first. */
  results: z.array(VoteResultSchema).max(VoteLimits.results).nullable(),
  /** How many people voted, once it is closed. */
  voters: z.number().int().min(0).nullable(),
})
export type Voting = z.infer<typeof VotingSchema>

export const StartVotingBodySchema = z.strictObject({
  scope: ScopeSchema,
  votesPerPerson: z.number().int().min(1).max(20),
  onePerItem: z.boolean().default(false),
})
export type StartVotingBody = z.infer<typeof StartVotingBodySchema>

/** A vote as stored while voting runs; `id` makes a retried request count once. */
export interface Vote {
  id: string
  voterId: string
  itemId: string
}

export const CastVoteBodySchema = z.strictObject({
  /** Chosen by the voter's client, so a request sent twice (reconnect, retry) counts once. */
  voteId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/),
  itemId: z.string().min(1).max(VoteLimits.itemId),
})

/** Why `voterId` cannot cast a vote for `itemId` now, or null when they can. */
export function voteError(
  voting: Voting | null,
  votesOfVoter: readonly Vote[],
  itemId: string,
  votableIds: ReadonlySet<string>,
): string | null {
  if (!voting || voting.status !== 'open') return 'No vote is running on this board'
  if (!votableIds.has(itemId)) return 'This item is not part of the vote'
  if (votesOfVoter.length >= voting.votesPerPerson) {
    return `You have used all ${voting.votesPerPerson} of your votes`
  }
  if (voting.onePerItem && votesOfVoter.some((v) => v.itemId === itemId)) {
    return 'One vote per item in this vote'
  }
  return null
}

/** `text` in at most `max` UTF-16 units, ending with an ellipsis when cut (never mid-character). */
function clip(text: string, max: number): string {
  if (text.length <= max) return text
  let end = max - 1
  const last = text.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end--
  return `${text.slice(0, end)}\u2026`
}

/**
 * Ranked lines within `VoteLimits`, most votes first (lines with as many votes keep their
 * order): at most `results` lines, so a board with more items loses only its least voted ones;
 * long labels shortened; items whose id no voter could send left out.
 */
export function boundResults(lines: readonly VoteResult[]): VoteResult[] {
  return lines
    .filter((line) => line.itemId.length <= VoteLimits.itemId)
    .map((line) => ({ ...line, label: clip(line.label, VoteLimits.label) }))
    .sort((a, b) => b.votes - a.votes)
    .slice(0, VoteLimits.results)
}

/** Every votable item with its votes, most first; ties keep the board's order. */
export function rankResults(
  items: readonly { id: string; label: string }[],
  votes: readonly Vote[],
): VoteResult[] {
  const counts = new Map<string, number>()
  for (const v of votes) counts.set(v.itemId, (counts.get(v.itemId) ?? 0) + 1)
  return boundResults(
    items.map((item) => ({ itemId: item.id, label: item.label, votes: counts.get(item.id) ?? 0 })),
  )
}

/** How many different people voted. */
export const countVoters = (votes: readonly Vote[]) => new Set(votes.map((v) => v.voterId)).size
