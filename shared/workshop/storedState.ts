import { z } from 'zod'
import { TimerSchema } from './timer.js'
import { boundResults, sameScope, VotingSchema, type Scope, type Voting } from './voting.js'
import {
  initialWorkshopState,
  WorkshopLimits,
  WorkshopStateSchema,
  type WorkshopState,
} from './workshopState.js'

/** What reading a stored workshop state found. */
export interface StoredWorkshopState {
  /** The state, valid: every part that passed its schema, the others reset. */
  state: WorkshopState
  /** What did not pass, as `path: message` lines; empty when the stored state was valid. */
  issues: string[]
  /**
   * Ended votes an older version kept inside the state (`pastVotes`), oldest first. They now
   * live apart from the state: the caller moves them there.
   */
  pastVotes: Voting[]
}

/** Issues named in one report, at most. */
const MaxIssues = 20

/** One line per part, or per entry of a list, that failed: the first issue found in it. */
function describeIssues(error: z.ZodError): string[] {
  const seen = new Set<string>()
  const lines: string[] = []
  for (const issue of error.issues) {
    const [part, index] = issue.path
    const key = typeof index === 'number' ? `${String(part)}.${index}` : String(part ?? '')
    if (seen.has(key)) continue
    seen.add(key)
    lines.push(`${issue.path.map(String).join('.') || '(state)'}: ${issue.message}`)
  }
  return lines
}

const LooseResultSchema = z.object({
  itemId: z.string(),
  label: z.string(),
  votes: z.number().int().min(0),
})

/**
 * A stored vote, made to fit today's bounds when only its results do not: the ranked lines are
 * ranked again (the most voted kept), long labels shortened. Null when it cannot be kept.
 */
export function repairVoting(raw: unknown): Voting | null {
  const parsed = VotingSchema.safeParse(raw)
  if (parsed.success) return parsed.data
  if (typeof raw !== 'object' || raw === null) return null
  const results = (raw as { results?: unknown }).results
  if (!Array.isArray(results)) return null
  const ranked = boundResults(
    results.flatMap((r) => {
      const line = LooseResultSchema.safeParse(r)
      return line.success ? [line.data] : []
    }),
  )
  const again = VotingSchema.safeParse({ ...raw, results: ranked })
  return again.success ? again.data : null
}

/** The valid entries of a stored list, without repeats, at most `max`. */
function keepValid<T>(
  raw: unknown,
  schema: z.ZodType<T>,
  same: (a: T, b: T) => boolean,
  max: number,
): T[] | null {
  if (!Array.isArray(raw)) return null
  const kept: T[] = []
  for (const entry of raw) {
    const parsed = schema.safeParse(entry)
    if (!parsed.success || kept.some((k) => same(k, parsed.data))) continue
    kept.push(parsed.data)
    if (kept.length === max) break
  }
  return kept
}

/** Ended votes an older version kept in the state, those that can still be read. */
function legacyPastVotes(raw: Record<string, unknown>, issues: string[]): Voting[] {
  const list = raw.pastVotes
  if (list === undefined) return []
  if (!Array.isArray(list)) {
    issues.push('pastVotes: expected an array')
    return []
  }
  const votes: Voting[] = []
  list.forEach((entry, i) => {
    const voting = repairVoting(entry)
    if (voting?.status === 'closed') votes.push(voting)
    else issues.push(`pastVotes.${i}: not an ended vote`)
  })
  return votes
}

const ScopeEntry = WorkshopStateSchema.shape.locks.element
const PrivateEntry = WorkshopStateSchema.shape.privateScopes.element
const FacilitatorEntry = WorkshopStateSchema.shape.facilitatorIds.element

/**
 * Reads a stored workshop state, part by part: a part that fails its schema is reset (a list
 * keeps its valid entries), every other part is kept as stored. Never throws.
 */
export function readStoredWorkshopState(json: string): StoredWorkshopState {
  let raw: unknown
  try {
    raw = JSON.parse(json)
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return {
      state: initialWorkshopState(),
      issues: [`(state): not JSON: ${reason}`],
      pastVotes: [],
    }
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return { state: initialWorkshopState(), issues: ['(state): not an object'], pastVotes: [] }
  }
  const stored = raw as Record<string, unknown>
  const issues: string[] = []
  const pastVotes = legacyPastVotes(stored, issues)

  const whole = WorkshopStateSchema.safeParse(stored)
  if (whole.success) return { state: whole.data, issues: cap(issues), pastVotes }
  issues.unshift(...describeIssues(whole.error))

  const initial = initialWorkshopState()
  const field = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value)
    return parsed.success ? parsed.data : fallback
  }
  const sameScopeEntry = (a: Scope, b: Scope) => sameScope(a, b)
  const state: WorkshopState = {
    facilitatorIds:
      keepValid(
        stored.facilitatorIds,
        FacilitatorEntry,
        (a, b) => a === b,
        WorkshopLimits.facilitators,
      ) ?? initial.facilitatorIds,
    timer: field(TimerSchema, stored.timer, initial.timer),
    voting: stored.voting === null ? null : repairVoting(stored.voting),
    privateScopes:
      keepValid(
        stored.privateScopes,
        PrivateEntry,
        (a, b) => sameScope(a.scope, b.scope),
        WorkshopLimits.privateScopes,
      ) ?? initial.privateScopes,
    locks:
      keepValid(stored.locks, ScopeEntry, sameScopeEntry, WorkshopLimits.locks) ?? initial.locks,
    follow: field(WorkshopStateSchema.shape.follow, stored.follow, initial.follow),
    summon: field(WorkshopStateSchema.shape.summon, stored.summon, initial.summon),
  }
  // Each part passed its own schema, so the whole does; checked all the same.
  const repaired = WorkshopStateSchema.safeParse(state)
  return { state: repaired.success ? repaired.data : initial, issues: cap(issues), pastVotes }
}

function cap(issues: string[]): string[] {
  if (issues.length <= MaxIssues) return issues
  return [...issues.slice(0, MaxIssues), `… and ${issues.length - MaxIssues} more`]
}
