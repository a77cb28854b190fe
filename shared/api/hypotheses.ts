import { CheckinStandingSchema } from '../checkins/checkin.js'
import { z } from 'zod'
import { plainLine } from './plainText.js'
import {
  HypothesisViewSchema,
  MetricSummarySchema,
  type HypothesisView,
} from '../canvases/hypothesis/summary.js'
import {
  Decisions,
  HypothesisStatuses,
  LessonSchema,
  type HypothesisStatus,
  type Lesson,
} from '../canvases/hypothesis/tracking.js'
import { VerdictResultSchema, Verdicts, type Verdict } from '../canvases/hypothesis/verdict.js'
import { EntityIdSchema } from '../canvases/baseContent.js'
import { MetricDirections, MetricKinds } from '../canvases/hypothesis/metric.js'
import { BoardIdSchema } from './boards.js'

export { HypothesisViewSchema, MetricSummarySchema, LessonSchema, VerdictResultSchema }
export type { HypothesisView, Lesson }

const IsoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time' })

// ── Ingestion tokens ────────────────────────────────────────────────────────────────────────

/** POST /api/boards/:boardId/tokens */
export const CreateTokenBodySchema = z.strictObject({ name: plainLine('name', 100) })
export type CreateTokenBody = z.infer<typeof CreateTokenBodySchema>

/** 201 from POST …/tokens. `token` is shown this once; the server keeps only its hash. */
export const CreatedTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  token: z.string(),
})
export type CreatedToken = z.infer<typeof CreatedTokenSchema>

/** A token as GET …/tokens lists it: never the secret. */
export const TokenSchema = z.object({ id: z.string(), name: z.string(), createdAt: z.string() })
export type Token = z.infer<typeof TokenSchema>

export const TokenListSchema = z.object({ tokens: z.array(TokenSchema) })
export type TokenList = z.infer<typeof TokenListSchema>

// ── Measurements ────────────────────────────────────────────────────────────────────────────

/** One measurement as a system posts it. */
export const MeasurementInputSchema = z.strictObject({
  metric: z.string().min(1, 'is required').max(64),
  value: z.number({ message: 'must be a number' }).finite('must be a finite number'),
  /** When the value was observed; the time of the request when absent. */
  at: IsoTime.optional(),
  source: z.string().max(200).optional(),
  /** An idempotency key: the same id twice is recorded once. */
  id: z.string().min(1).max(128).optional(),
  /** A baseline reading: accepted before the hypothesis runs, never judged against the target. */
  baseline: z.boolean().optional(),
})
export type MeasurementInput = z.infer<typeof MeasurementInputSchema>

/** The CSV columns of a measurements upload, in order (`at`, `source` and `id` may be empty). */
export const MeasurementCsvColumns = ['metric', 'value', 'at', 'source', 'id'] as const

export const MaxMeasurementsPerRequest = 10_000
/** A hypothesis keeps at most this many measurements; more are refused (413). */
export const MaxMeasurementsPerHypothesis = 200_000
/** Larger bodies get a 413 before they are read. */
export const MaxMeasurementBodyBytes = 2 * 1024 * 1024

/** POST …/hypotheses/:hypothesisId/measurements (JSON). Rows are validated one by one. */
export const MeasurementsBodySchema = z.strictObject({
  measurements: z.array(z.unknown()).min(1).max(MaxMeasurementsPerRequest),
  /** Marks every row as a baseline unless the row says otherwise. */
  baseline: z.boolean().optional(),
})

/** Query of the measurements endpoint: `?baseline=true` marks CSV rows as baselines. */
export const MeasurementsQuerySchema = z.object({
  baseline: z.enum(['true', 'false']).optional(),
})

/** 200 from POST …/measurements: what was recorded and the verdict that now follows. */
export const MeasurementsResultSchema = z.object({
  /** Rows recorded by this request. */
  recorded: z.number().int(),
  /** Rows whose id was recorded before (or twice in this request): kept once. */
  duplicates: z.number().int(),
  status: z.enum(HypothesisStatuses),
  verdict: VerdictResultSchema,
})
export type MeasurementsResult = z.infer<typeof MeasurementsResultSchema>

// ── Decision and lessons ────────────────────────────────────────────────────────────────────

/** POST …/hypotheses/:hypothesisId/decision. 201 with the hypothesis view. */
export const DecisionBodySchema = z.strictObject({
  decision: z.enum(Decisions),
  rationale: z.string().trim().min(1, 'say why').max(4000),
  /** Who decided; "API" when absent. */
  by: z.string().trim().min(1).max(200).optional(),
})
export type DecisionBody = z.infer<typeof DecisionBodySchema>

/** POST …/hypotheses/:hypothesisId/lessons. 201 with the lesson. */
export const LessonBodySchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  by: z.string().trim().min(1).max(200).optional(),
})
export type LessonBody = z.infer<typeof LessonBodySchema>

// ── Lifecycle through PATCH …/canvases/:canvasId ────────────────────────────────────────────

/**
 * The hypothesis parts of PATCH …/canvases/:canvasId: move the status (409 with the reason
 * when the rules refuse it), set the time box before it starts, and give the reason that an
 * amendment of locked metrics needs.
 */
export const HypothesisPatchFields = {
  status: z.enum(HypothesisStatuses).optional(),
  timeboxDays: z.number().int().min(1).max(366).optional(),
  /** Required to change metrics once the hypothesis runs; kept with the amendment. */
  reason: z.string().trim().min(1).max(2000).optional(),
  /** Who made the change, for amendments; "API" when absent. */
  by: z.string().trim().min(1).max(200).optional(),
}
export const HypothesisPatchKeys = Object.keys(HypothesisPatchFields) as (
  'status' | 'timeboxDays' | 'reason' | 'by'
)[]

// ── Tracker ─────────────────────────────────────────────────────────────────────────────────

const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .describe(`Comma-separated, any of: ${values.join(', ')}`)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))

export const TrackerSorts = ['due', 'updated'] as const

/**
 * GET /api/hypotheses: the tracker's filters and sort. Lists are comma-separated
 * (`?status=running,evaluated`); `sort=due` is soonest time-box end first (none last),
 * `sort=updated` (the default) is most recently changed first.
 */
export const TrackerQuerySchema = z.strictObject({
  status: csvList(HypothesisStatuses).optional(),
  verdict: csvList(Verdicts).optional(),
  board: z
    .string()
    .describe('Comma-separated board ids')
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(BoardIdSchema))
    .optional(),
  overdue: z.enum(['true', 'false']).optional().describe('true: only overdue; false: none overdue'),
  sort: z
    .enum(TrackerSorts)
    .optional()
    .describe('due: soonest time-box end first; updated (default): last change first'),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
})
export type TrackerQuery = z.infer<typeof TrackerQuerySchema>
/** The query as a client writes it (strings), for building the URL. */
export type TrackerQueryInput = z.input<typeof TrackerQuerySchema>

/** The tracker's filters as a page holds them (lists, not comma strings). */
export interface TrackerFilters {
  status?: readonly HypothesisStatus[]
  verdict?: readonly Verdict[]
  board?: readonly string[]
  overdue?: boolean
  sort?: (typeof TrackerSorts)[number]
  limit?: number
}

/** The query of GET /api/hypotheses for `filters`, as the client sends it (strings). */
export function trackerQuery(filters: TrackerFilters): TrackerQueryInput {
  const list = (values?: readonly string[]) =>
    values && values.length > 0 ? values.join(',') : undefined
  const query: TrackerQueryInput = {
    status: list(filters.status),
    verdict: list(filters.verdict),
    board: list(filters.board),
    overdue: filters.overdue === undefined ? undefined : filters.overdue ? 'true' : 'false',
    sort: filters.sort,
    limit: filters.limit,
  }
  for (const key of Object.keys(query) as (keyof TrackerQueryInput)[]) {
    if (query[key] === undefined) delete query[key]
  }
  return query
}

/** The query string of GET /api/hypotheses for `filters` ('' when there is none). */
export function trackerSearch(filters: TrackerFilters): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(trackerQuery(filters))) params.set(key, String(value))
  const query = params.toString()
  return query === '' ? '' : `?${query}`
}

/** The metric a tracker row shows: the first success criterion, else the first metric. */
export const TrackerMetricSchema = z.object({
  key: z.string(),
  name: z.string(),
  unit: z.string(),
  kind: z.enum(MetricKinds),
  direction: z.enum(MetricDirections),
  baseline: z.number().nullable(),
  target: z.number().nullable(),
  /** The latest non-baseline measurement, or null when none arrived yet. */
  latest: z.number().nullable(),
  latestAt: z.string().nullable(),
})
export type TrackerMetric = z.infer<typeof TrackerMetricSchema>

/**
 * One hypothesis in the tracker (GET /api/hypotheses). Served from the index the server keeps
 * as boards change; the verdict is computed as of the response with `computeVerdict`.
 * Open it on its board with `boardId` and `hypothesisId` (the canvas id).
 */
export const TrackerRowSchema = z.object({
  boardId: BoardIdSchema,
  boardTitle: z.string(),
  hypothesisId: EntityIdSchema,
  title: z.string(),
  /** "We believe that … will result in … We will know we've succeeded when …" */
  sentence: z.string(),
  status: z.enum(HypothesisStatuses),
  verdict: z.enum(Verdicts),
  verdictReason: z.string(),
  primaryMetric: TrackerMetricSchema.nullable(),
  /** Start and end of the time box (ISO), null until the hypothesis runs. */
  timeboxStart: z.string().nullable(),
  timeboxEnd: z.string().nullable(),
  /** Whole days until the time box ends, rounded up; negative once overdue; null without an end. */
  daysLeft: z.number().int().nullable(),
  /** The time box has ended and no decision closed the hypothesis. */
  overdue: z.boolean(),
  decision: z.enum(Decisions).nullable(),
  /** When the decision was made (ISO); null without one. */
  decidedAt: z.string().nullable(),
  /** When this hypothesis last changed (ISO). */
  updatedAt: z.string(),
  /** When its next check-in is due and whether it is overdue; null unless it runs. */
  checkin: CheckinStandingSchema.nullable(),
})
export type TrackerRow = z.infer<typeof TrackerRowSchema>

/** 200 from GET /api/hypotheses. `total` counts the matches before `limit`. */
export const TrackerResponseSchema = z.object({
  hypotheses: z.array(TrackerRowSchema),
  total: z.number().int(),
})
export type TrackerResponse = z.infer<typeof TrackerResponseSchema>

/** 201 from POST …/lessons. */
export const LessonResponseSchema = LessonSchema
