import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'

export const MetricKinds = ['success', 'evaluation', 'guardrail'] as const
export const MetricDirections = ['increase', 'decrease'] as const

export const RelativeUnits = ['%', 'abs'] as const

/**
 * A target set relative to the baseline: `by` percent of it (`%`) or `by` in the metric's own
 * unit (`abs`), signed (+10 % raises it, -5 lowers it).
 */
export const RelativeTargetSchema = z.object({
  by: z.number().finite(),
  unit: z.enum(RelativeUnits),
})
export type RelativeTarget = z.infer<typeof RelativeTargetSchema>

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
  /** An absolute `value`, or `relative` to the baseline (then `value` is not used). */
  target: z.object({
    value: z.number().finite().nullable(),
    relative: RelativeTargetSchema.nullable().optional(),
  }),
  /** Guardrails only: how much worse than the baseline is still acceptable, in the metric's unit. */
  tolerance: z.number().finite().min(0).nullable(),
})
export type Metric = z.infer<typeof MetricSchema>

/**
 * The value a metric is judged against: its absolute target, or its relative target applied to
 * its baseline (null while the baseline is unknown).
 */
export function targetValue(metric: Pick<Metric, 'baseline' | 'target'>): number | null {
  const relative = metric.target.relative
  if (!relative) return metric.target.value
  const base = metric.baseline.value
  if (base === null) return null
  const value = relative.unit === '%' ? base * (1 + relative.by / 100) : base + relative.by
  // Rounded to what the numbers can mean: 4 × 1.1 is 4.4, not 4.4000000000000004.
  return Number(value.toPrecision(12))
}

const signed = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n)}`

/** A relative target in words: "+10 % over baseline", "−5 ms under baseline". */
export function relativeTargetWords(relative: RelativeTarget, unit: string): string {
  const amount =
    relative.unit === '%'
      ? `${signed(relative.by)} %`
      : `${signed(relative.by)}${unit ? ` ${unit}` : ''}`
  return `${amount} ${relative.by >= 0 ? 'over' : 'under'} baseline`
}
