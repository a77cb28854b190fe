import { z } from 'zod'
import { Decisions, HypothesisStatuses } from '../canvases/hypothesis/tracking.js'
import { Verdicts } from '../canvases/hypothesis/verdict.js'

const IsoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 time' })

/** POST /api/boards/:boardId/tokens */
export const CreateTokenBodySchema = z.strictObject({ name: z.string().trim().min(1).max(100) })

/** One measurement as a system posts it. */
export const MeasurementInputSchema = z.strictObject({
  metric: z.string().min(1, 'is required').max(64),
  value: z.number({ message: 'must be a number' }).finite('must be a finite number'),
  at: IsoTime.optional(),
  source: z.string().max(200).optional(),
  /** An idempotency key: the same id twice is recorded once. */
  id: z.string().min(1).max(128).optional(),
  baseline: z.boolean().optional(),
})
export type MeasurementInput = z.infer<typeof MeasurementInputSchema>

/** The CSV columns of a measurements upload, in order. */
export const MeasurementCsvColumns = ['metric', 'value', 'at', 'source', 'id'] as const

export const MaxMeasurementsPerRequest = 10_000

/** POST …/hypotheses/:hypothesisId/measurements (JSON). Rows are validated one by one. */
export const MeasurementsBodySchema = z.strictObject({
  measurements: z.array(z.unknown()).min(1).max(MaxMeasurementsPerRequest),
  baseline: z.boolean().optional(),
})

/** POST …/hypotheses/:hypothesisId/decision */
export const DecisionBodySchema = z.strictObject({
  decision: z.enum(Decisions),
  rationale: z.string().trim().min(1, 'say why').max(4000),
  by: z.string().trim().min(1).max(200).optional(),
})

/** POST …/hypotheses/:hypothesisId/lessons */
export const LessonBodySchema = z.strictObject({
  text: z.string().trim().min(1).max(4000),
  by: z.string().trim().min(1).max(200).optional(),
})

/** Status changes and amendments through PATCH …/canvases/:canvasId on a hypothesis. */
export const HypothesisPatchSchema = z.object({
  status: z.enum(HypothesisStatuses).optional(),
  /** Required to change metrics once a hypothesis is running: kept with the amendment. */
  reason: z.string().trim().min(1).max(2000).optional(),
  by: z.string().trim().min(1).max(200).optional(),
  timeboxDays: z.number().int().min(1).max(366).optional(),
})

const csvList = <T extends string>(values: readonly [T, ...T[]]) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))

/** GET /api/hypotheses: the tracker's filters and sort. */
export const TrackerQuerySchema = z.strictObject({
  status: csvList(HypothesisStatuses).optional(),
  verdict: csvList(Verdicts).optional(),
  board: z.string().optional(),
  overdue: z.enum(['true', 'false']).optional(),
  sort: z.enum(['due', 'updated']).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
})
export type TrackerQuery = z.infer<typeof TrackerQuerySchema>
