import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'
import { CheckinTrackingSchema, DefaultCadenceDays, dueAfter } from '../../checkins/checkin.js'
import { GateIds, Stages, stageDefinition, gateId, stageLabel, type Stage } from './stages.js'

const IsoTime = z.iso.datetime({ offset: true })
/** A calendar day, `2026-03-01`. */
export const DaySchema = z.iso.date()

export const GateAnswers = ['yes', 'no', 'not-yet'] as const
export type GateAnswer = (typeof GateAnswers)[number]

export const Outcomes = ['succeeded', 'stopped'] as const
export type Outcome = (typeof Outcomes)[number]

/** Where a project stands in the portfolio: still moving, or ended one of two ways. */
export const ProjectStatuses = ['active', ...Outcomes] as const
export type ProjectStatus = (typeof ProjectStatuses)[number]

export const NoteMax = 2000
export const WhyMax = 4000
/** A project links at most this many hypotheses. */
export const MaxLinkedHypotheses = 200

/** A move between stages, either way: who, when and why. */
export const StageMoveSchema = z.object({
  from: z.enum(Stages),
  to: z.enum(Stages),
  at: IsoTime,
  by: z.string().max(200),
  why: z.string().min(1).max(WhyMax),
})
export type StageMove = z.infer<typeof StageMoveSchema>

/** The answer to one gate question, with a note and who gave it when. */
export const GateRecordSchema = z.object({
  answer: z.enum(GateAnswers),
  note: z.string().max(NoteMax),
  by: z.string().max(200),
  at: IsoTime,
})
export type GateRecord = z.infer<typeof GateRecordSchema>

/** A stage's dates: estimated by the team, actual from the moves (or set by hand). */
export const StageDatesSchema = z.object({
  estimatedStart: DaySchema.nullable(),
  estimatedEnd: DaySchema.nullable(),
  actualStart: DaySchema.nullable(),
  actualEnd: DaySchema.nullable(),
})
export type StageDates = z.infer<typeof StageDatesSchema>
export const StageDateKeys = ['estimatedStart', 'estimatedEnd', 'actualStart', 'actualEnd'] as const
export type StageDateKey = (typeof StageDateKeys)[number]

export const noDates = (): StageDates => ({
  estimatedStart: null,
  estimatedEnd: null,
  actualStart: null,
  actualEnd: null,
})

/** A hypothesis that serves the project, on its board or another. */
export const HypothesisLinkSchema = z.object({
  boardId: z.string().min(1).max(64),
  hypothesisId: EntityIdSchema,
})
export type HypothesisLink = z.infer<typeof HypothesisLinkSchema>

/** How a project ended, in which stage, and why. */
export const ProjectEndSchema = z.object({
  outcome: z.enum(Outcomes),
  stage: z.enum(Stages),
  why: z.string().min(1).max(WhyMax),
  by: z.string().max(200),
  at: IsoTime,
})
export type ProjectEnd = z.infer<typeof ProjectEndSchema>

/** Everything a project tracks beyond its fields and boxes. */
export const ProjectTrackingSchema = z.object({
  stage: z.enum(Stages),
  moves: z.array(StageMoveSchema),
  gates: z
    .record(z.string(), GateRecordSchema)
    .refine(
      (gates) => Object.keys(gates).every((id) => GateIds.includes(id)),
      'a gate answer names a question the method does not ask',
    ),
  dates: z.partialRecord(z.enum(Stages), StageDatesSchema),
  links: z.array(HypothesisLinkSchema).max(MaxLinkedHypotheses),
  end: ProjectEndSchema.nullable(),
  ...CheckinTrackingSchema.shape,
})
export type ProjectTracking = z.infer<typeof ProjectTrackingSchema>

export const emptyProjectTracking = (): ProjectTracking => ({
  stage: 'ideation',
  moves: [],
  gates: {},
  dates: {},
  links: [],
  end: null,
})

/** Where a project stands: active until it ends. */
export const projectStatus = (tracking: Pick<ProjectTracking, 'end'>): ProjectStatus =>
  tracking.end?.outcome ?? 'active'

/** Why a project cannot move to `to`, or null when it can (moves go either way). */
export function moveRefusal(tracking: ProjectTracking, to: Stage, why: string): string | null {
  if (tracking.end)
    return `This project has ${tracking.end.outcome}: an ended project does not move`
  if (to === tracking.stage) return `The project is in ${stageLabel(to)} already`
  if (why.trim() === '') return 'Say why the project moves'
  return null
}

/** Why a project cannot end now, or null. */
export function endRefusal(tracking: ProjectTracking, why: string): string | null {
  if (tracking.end) return `This project has ${tracking.end.outcome} already`
  if (why.trim() === '') return 'Say why the project ends'
  return null
}

/** Why a gate cannot be answered, or null. */
export function gateRefusal(stage: string, question: string): string | null {
  if (!Stages.includes(stage as Stage)) return `There is no stage "${stage}"`
  const definition = stageDefinition(stage as Stage)
  if (!definition.gates.some((g) => g.key === question)) {
    return `${definition.label} has no gate question "${question}"`
  }
  return null
}

/** A gate question of a stage with its answer, if any. */
export interface GateState {
  id: string
  key: string
  text: string
  record: GateRecord | null
  /** Not answered yet, or answered "not yet". */
  open: boolean
}

/** The gate questions of a stage, each with its answer and whether it is still open. */
export function gatesOf(tracking: Pick<ProjectTracking, 'gates'>, stage: Stage): GateState[] {
  return stageDefinition(stage).gates.map((g) => {
    const id = gateId(stage, g.key)
    const record = tracking.gates[id] ?? null
    return { id, key: g.key, text: g.text, record, open: !record || record.answer === 'not-yet' }
  })
}

/** How many gate questions of a stage are still open. */
export const openGateCount = (tracking: Pick<ProjectTracking, 'gates'>, stage: Stage) =>
  gatesOf(tracking, stage).filter((g) => g.open).length

const day = (now: number) => new Date(now).toISOString().slice(0, 10)

/**
 * The tracking after a move: the move recorded, the stage changed, the stage left ends today
 * and the stage entered starts today (a stage entered again starts again).
 */
export function withMove(tracking: ProjectTracking, move: StageMove, now: number): ProjectTracking {
  const today = day(now)
  const dates = { ...tracking.dates }
  dates[move.from] = { ...(dates[move.from] ?? noDates()), actualEnd: today }
  dates[move.to] = { ...(dates[move.to] ?? noDates()), actualStart: today, actualEnd: null }
  return { ...tracking, stage: move.to, moves: [...tracking.moves, move], dates }
}

/** The tracking after the project ended: the record kept, the current stage ends today. */
export function withEnd(tracking: ProjectTracking, end: ProjectEnd, now: number): ProjectTracking {
  const dates = { ...tracking.dates }
  dates[end.stage] = { ...(dates[end.stage] ?? noDates()), actualEnd: day(now) }
  return { ...tracking, end, dates }
}

/**
 * When the project entered the stage it is in: the last move into it, else the actual start
 * the team gave that stage, else null (a project never moved from ideation, undated).
 */
export function enteredStageAt(tracking: ProjectTracking): string | null {
  const move = tracking.moves.findLast((m) => m.to === tracking.stage)
  if (move) return move.at
  const start = tracking.dates[tracking.stage]?.actualStart
  return start ? `${start}T00:00:00.000Z` : null
}

const DAY_MS = 24 * 60 * 60 * 1000

/** Whole days the project has been in its stage (until it ended), or null when undated. */
export function daysInStage(tracking: ProjectTracking, now: number): number | null {
  const since = enteredStageAt(tracking)
  if (since === null) return null
  const until = tracking.end ? Date.parse(tracking.end.at) : now
  return Math.max(0, Math.floor((until - Date.parse(since)) / DAY_MS))
}

/** The same hypothesis link twice counts once. */
export const linkKey = (link: HypothesisLink) => `${link.boardId}/${link.hypothesisId}`

/**
 * When a project's next check-in is due (ISO): its cadence after the last check-in, or after the
 * project started (its first move, or the dated start of ideation); null once it ended or while
 * nothing dates its start.
 */
export function projectCheckinDueAt(record: ProjectTracking): string | null {
  if (record.end) return null
  const start = record.moves[0]?.at ?? record.dates.ideation?.actualStart ?? null
  const anchor =
    record.checkins?.at(-1)?.at ?? (start ? new Date(Date.parse(start)).toISOString() : null)
  return anchor ? dueAfter(anchor, record.checkinCadence ?? DefaultCadenceDays) : null
}
