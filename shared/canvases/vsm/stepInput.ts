import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'
import { StepClassifications, Wastes } from './definition.js'
import { DurationUnits } from './durationUnit.js'

/** A value-stream step as an integration sends it; `id` is generated when absent. */
export const StepInputSchema = z
  .strictObject({
    id: EntityIdSchema.optional(),
    name: z.string().max(200),
    owner: z.string().max(200).default(''),
    processMinutes: z.number().finite().min(0),
    leadMinutes: z.number().finite().min(0),
    completeAccuratePct: z.number().finite().min(0).max(100).default(100),
    classification: z.enum(StepClassifications).default('value-adding'),
    wastes: z.array(z.enum(Wastes)).default([]),
    /** Runs in parallel with the step before it (ignored on the first step). */
    parallel: z.boolean().default(false),
  })
  .refine((s) => s.leadMinutes >= s.processMinutes, {
    message: 'lead time must be at least the process time',
    path: ['leadMinutes'],
  })

/** The members of a canvas body only a value-stream map takes: the steps of each state. */
export const vsmBodyParts = {
  current: z.array(StepInputSchema).max(500).optional(),
  future: z.array(StepInputSchema).max(500).optional(),
  /** The unit durations are shown in; null goes back to each duration's best units. */
  displayUnit: z.enum(DurationUnits).nullable().optional(),
}
