import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'

export const MetricKinds = ['success', 'evaluation', 'guardrail'] as const
export const MetricDirections = ['increase', 'decrease'] as const

/** A metric of a hypothesis, agreed before the experiment starts. */
export const MetricSchema = z.object({
  id: EntityIdSchema,
  key: z
    .string()
    .regex(
      /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/,
      'a metric key is a letter then letters, digits, _ . -',
    ),
  name: z.string().max(200),
  kind: z.enum(MetricKinds),
  unit: z.string().max(40),
  direction: z.enum(MetricDirections),
  baseline: z.object({
    value: z.number().finite().nullable(),
    at: z.string().max(40).nullable(),
    source: z.string().max(200).nullable(),
  }),
  target: z.object({ value: z.number().finite().nullable() }),
  /** Guardrails only: how much worse than the baseline is still acceptable, in the metric's unit. */
  tolerance: z.number().finite().min(0).nullable(),
})
export type Metric = z.infer<typeof MetricSchema>
