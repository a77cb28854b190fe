import { z } from 'zod'
import { EntityIdSchema } from '../canvases/baseContent.js'

const IsoTime = z.iso.datetime({ offset: true })

export const LikelihoodLevels = ['low', 'medium', 'high'] as const
export type LikelihoodLevel = (typeof LikelihoodLevels)[number]

/** How likely the team thinks success is: a word, or a percentage. */
export const LikelihoodSchema = z.union([
  z.strictObject({ level: z.enum(LikelihoodLevels) }),
  z.strictObject({ percent: z.number().int().min(0).max(100) }),
])
export type Likelihood = z.infer<typeof LikelihoodSchema>

export const Momentums = ['moving', 'stuck'] as const
export type Momentum = (typeof Momentums)[number]

export const HappenedMax = 4000
export const NextMax = 4000
/** A canvas keeps at most this many check-ins (years of weekly ones). */
export const MaxCheckins = 500
/** At most this many automatic lines are kept with a check-in. */
export const MaxSinceLines = 200

/** One check-in: what happened since the last one, how likely success looks, what comes next. */
export const CheckinSchema = z.object({
  id: EntityIdSchema,
  at: IsoTime,
  by: z.string().max(200),
  happened: z.string().max(HappenedMax),
  likelihood: LikelihoodSchema,
  momentum: z.enum(Momentums),
  next: z.string().max(NextMax),
  /** What was listed automatically since the check-in before (measurements, moves, …). */
  since: z.array(z.string().max(500)).max(MaxSinceLines),
  /** Projects: the hypotheses linked at this check-in ("board/id"), to list new links next time. */
  linked: z.array(z.string().max(200)).max(200).optional(),
})
export type Checkin = z.infer<typeof CheckinSchema>

export const DefaultCadenceDays = 7
/** How often a check-in is due, in days. */
export const CadenceDaysSchema = z.number().int().min(1).max(90)

/** A check-in as a person or the API gives it; the rest is filled by the server. */
export const CheckinInputSchema = z.strictObject({
  happened: z.string().max(HappenedMax).default(''),
  likelihood: LikelihoodSchema,
  momentum: z.enum(Momentums),
  next: z.string().max(NextMax).default(''),
  by: z.string().max(200).optional(),
})
export type CheckinInput = z.input<typeof CheckinInputSchema>

export const CheckinStates = ['upcoming', 'due', 'overdue'] as const
export type CheckinState = (typeof CheckinStates)[number]

export const CheckinStandingSchema = z.object({
  dueAt: IsoTime,
  state: z.enum(CheckinStates),
})
export type CheckinStanding = z.infer<typeof CheckinStandingSchema>

const DAY_MS = 24 * 60 * 60 * 1000
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * When the next check-in is due (`cadenceDays` after the start or the last check-in) and where it
 * stands: upcoming before its day, due on its day (UTC), overdue from the day after.
 */
export function checkinStanding(since: string, cadenceDays: number, now: number): CheckinStanding {
  return standingOfDue(dueAfter(since, cadenceDays), now)
}

/** When the check-in `cadenceDays` after `since` is due (ISO). */
export const dueAfter = (since: string, cadenceDays: number) =>
  new Date(Date.parse(since) + cadenceDays * DAY_MS).toISOString()

/** Where a check-in due at `dueAt` stands at `now` (see `checkinStanding`). */
export function standingOfDue(dueAt: string, now: number): CheckinStanding {
  const dueMs = Date.parse(dueAt)
  const today = dayOf(now)
  const dueDay = dayOf(dueMs)
  const state = now >= dueMs || today === dueDay ? (today > dueDay ? 'overdue' : 'due') : 'upcoming'
  return { dueAt, state }
}

/** Whole days a due check-in is late (0 on its day or before). */
export const daysOverdue = (standing: CheckinStanding, now: number) =>
  Math.max(
    0,
    Math.round((Date.parse(dayOf(now)) - Date.parse(standing.dueAt.slice(0, 10))) / DAY_MS),
  )

/** The likelihood in words: "high", "40 %". */
export const likelihoodWords = (likelihood: Likelihood) =>
  'level' in likelihood ? likelihood.level : `${likelihood.percent} %`

/**
 * What a canvas's tracking carries of its check-ins (hypotheses and projects): both absent on a
 * canvas that never had any, so its export and its record are as they were before check-ins.
 */
export const CheckinTrackingSchema = z.object({
  checkins: z.array(CheckinSchema).max(MaxCheckins).optional(),
  checkinCadence: CadenceDaysSchema.optional(),
})
export type CheckinTracking = z.infer<typeof CheckinTrackingSchema>
