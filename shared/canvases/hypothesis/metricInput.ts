import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'
import { MetricDirections, MetricKinds, RelativeUnits } from './metric.js'
import { AssumptionInputSchema, MaxAssumptions } from './assumption.js'

/** A metric as an integration sends it; `id` is generated when absent. */
export const MetricInputSchema = z.strictObject({
  id: EntityIdSchema.optional(),
  key: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/),
  name: z.string().max(200).default(''),
  kind: z.enum(MetricKinds).default('success'),
  unit: z.string().max(40).default(''),
  direction: z.enum(MetricDirections).default('increase'),
  baseline: z
    .strictObject({
      value: z.number().finite().nullable().default(null),
      at: z.string().max(40).nullable().default(null),
      source: z.string().max(200).nullable().default(null),
    })
    .default({ value: null, at: null, source: null }),
  target: z
    .strictObject({
      value: z.number().finite().nullable().default(null),
      /** Relative to the baseline: `{ "by": 10, "unit": "%" }` is 10 % over it. */
      relative: z
        .strictObject({ by: z.number().finite(), unit: z.enum(RelativeUnits) })
        .nullable()
        .optional(),
    })
    .default({ value: null }),
  tolerance: z.number().finite().min(0).nullable().default(null),
})
export type MetricInput = z.input<typeof MetricInputSchema>

const SentenceSlotSchema = z.string().max(2000)

/** The members of a canvas body only a hypothesis takes: its sentence, metrics and assumptions. */
export const hypothesisBodyParts = {
  belief: SentenceSlotSchema.optional(),
  expectedResult: SentenceSlotSchema.optional(),
  successSignal: SentenceSlotSchema.optional(),
  metrics: z.array(MetricInputSchema).max(100).optional(),
  /** Riskiest first; replaces the list (an assumption sent without an id keeps the id of one with its text). */
  assumptions: z.array(AssumptionInputSchema).max(MaxAssumptions).optional(),
}
