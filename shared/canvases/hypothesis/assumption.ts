import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'

/** How an assumption stands: not yet tested, holding up under the evidence, or broken by it. */
export const AssumptionStates = ['untested', 'holding', 'broken'] as const
export type AssumptionState = (typeof AssumptionStates)[number]

/**
 * Something the hypothesis takes for granted. A hypothesis lists its assumptions riskiest first:
 * their order is the team's ranking of risk.
 */
export const AssumptionSchema = z.object({
  id: EntityIdSchema,
  text: z.string().max(2000),
  state: z.enum(AssumptionStates),
})
export type Assumption = z.infer<typeof AssumptionSchema>

/** An assumption as an integration sends it; `id` is generated, `state` untested, when absent. */
export const AssumptionInputSchema = z.strictObject({
  id: EntityIdSchema.optional(),
  text: z.string().trim().min(1, 'say what is assumed').max(2000),
  state: z.enum(AssumptionStates).default('untested'),
})

/** At most this many assumptions per hypothesis. */
export const MaxAssumptions = 100
