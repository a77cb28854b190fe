import { z } from 'zod'
import { EntityIdSchema } from '../canvases/baseContent.js'
import { Stages, type Stage } from '../canvases/project/stages.js'
import {
  GateAnswers,
  HypothesisLinkSchema,
  NoteMax,
  Outcomes,
  ProjectStatuses,
  ProjectTrackingSchema,
  WhyMax,
  type ProjectStatus,
} from '../canvases/project/tracking.js'
import { Verdicts } from '../canvases/hypothesis/verdict.js'
import { BoardIdSchema } from './boards.js'
import { LikelihoodSchema } from '../checkins/checkin.js'

const Why = z.string().trim().min(1, 'say why').max(WhyMax)
/** Who did it; "API" when absent. */
const By = z.string().trim().min(1).max(200).optional()

// ── A project on its board ──────────────────────────────────────────────────────────────────

/** POST …/canvases/:canvasId/stage: move the project to another stage, either way. */
export const StageMoveBodySchema = z.strictObject({ to: z.enum(Stages), why: Why, by: By })
export type StageMoveBody = z.infer<typeof StageMoveBodySchema>

/** POST …/canvases/:canvasId/end: the project succeeded or stopped, in the stage it is in. */
export const ProjectEndBodySchema = z.strictObject({ outcome: z.enum(Outcomes), why: Why, by: By })
export type ProjectEndBody = z.infer<typeof ProjectEndBodySchema>

/** PUT …/canvases/:canvasId/gates/:stage/:question: yes, no or not yet, with a note. */
export const GateAnswerBodySchema = z.strictObject({
  answer: z.enum(GateAnswers),
  note: z.string().max(NoteMax).default(''),
  by: By,
})
export type GateAnswerBody = z.input<typeof GateAnswerBodySchema>

/** POST …/canvases/:canvasId/hypotheses: link a hypothesis (on this board when `boardId` is absent). */
export const HypothesisLinkBodySchema = z.strictObject({
  boardId: BoardIdSchema.optional(),
  hypothesisId: EntityIdSchema,
})
export type HypothesisLinkBody = z.infer<typeof HypothesisLinkBodySchema>

/** A project as the API answers it: its content, its record, and what is open in each stage. */
export const ProjectViewSchema = z.object({
  id: EntityIdSchema,
  title: z.string(),
  owner: z.string(),
  problem: z.string(),
  status: z.enum(ProjectStatuses),
  record: ProjectTrackingSchema,
  /** How many gate questions of each stage are unanswered or answered "not yet". */
  openGates: z.record(z.enum(Stages), z.number().int()),
  /** Whole days in the current stage (until the end), null when undated. */
  daysInStage: z.number().int().nullable(),
})
export type ProjectView = z.infer<typeof ProjectViewSchema>

// ── The portfolio ───────────────────────────────────────────────────────────────────────────

const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .describe(`Comma-separated, any of: ${values.join(', ')}`)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))

/** GET /api/portfolio and /api/portfolio.md: `?stage=prototyping,monitoring&status=active`. */
export const PortfolioQuerySchema = z.strictObject({
  stage: csvList(Stages).optional(),
  status: csvList(ProjectStatuses).optional(),
})
export type PortfolioQuery = z.infer<typeof PortfolioQuerySchema>
export type PortfolioQueryInput = z.input<typeof PortfolioQuerySchema>

/** The portfolio's filters as a page holds them. */
export interface PortfolioFilters {
  stage?: readonly Stage[]
  status?: readonly ProjectStatus[]
}

/** The query of GET /api/portfolio for `filters` (strings, none for an empty list). */
export function portfolioQuery(filters: PortfolioFilters): PortfolioQueryInput {
  const query: PortfolioQueryInput = {}
  if (filters.stage?.length) query.stage = filters.stage.join(',')
  if (filters.status?.length) query.status = filters.status.join(',')
  return query
}

/** How many of a project's linked hypotheses have each verdict now. */
export const VerdictCountsSchema = z.record(z.enum(Verdicts), z.number().int())

/** The latest check-in of a project (null before its first; the page says "No check-in yet"). */
export const CheckInSchema = z.object({
  at: z.string(),
  /** Likelihood of success: a level or a percentage. */
  likelihood: LikelihoodSchema,
  moving: z.enum(['forward', 'stuck']),
})

/** One project in the portfolio. Open it on its board with `boardId` and `projectId`. */
export const PortfolioRowSchema = z.object({
  boardId: BoardIdSchema,
  boardTitle: z.string(),
  projectId: EntityIdSchema,
  title: z.string(),
  owner: z.string(),
  stage: z.enum(Stages),
  status: z.enum(ProjectStatuses),
  /** When it entered its stage (ISO), null when undated. */
  enteredStageAt: z.string().nullable(),
  daysInStage: z.number().int().nullable(),
  openGates: z.number().int(),
  /** Its linked hypotheses that the caller can see, by verdict. */
  hypotheses: z.object({ total: z.number().int(), byVerdict: VerdictCountsSchema }),
  lastCheckIn: CheckInSchema.nullable(),
  /** Why it ended, for a succeeded or stopped project. */
  endWhy: z.string().nullable(),
})
export type PortfolioRow = z.infer<typeof PortfolioRowSchema>

/** Ended projects by the stage they ended in: the funnel. */
export const FunnelStageSchema = z.object({
  stage: z.enum(Stages),
  succeeded: z.number().int(),
  stopped: z.number().int(),
})
export type FunnelStage = z.infer<typeof FunnelStageSchema>

/** 200 from GET /api/portfolio. The funnel counts every project in view, whatever the filters. */
export const PortfolioResponseSchema = z.object({
  projects: z.array(PortfolioRowSchema),
  /** Projects on the boards in view before the filters: tells "none yet" from "none match". */
  everything: z.number().int(),
  funnel: z.array(FunnelStageSchema),
})
export type PortfolioResponse = z.infer<typeof PortfolioResponseSchema>

export { HypothesisLinkSchema }
