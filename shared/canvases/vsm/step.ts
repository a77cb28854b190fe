import { z } from 'zod'
import { EntityIdSchema } from '../baseContent.js'
import { StepClassifications, Wastes } from './definition.js'

/** One step of a value stream. */
export const StepSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().max(200),
    owner: z.string().max(200),
    processMinutes: z.number().finite().min(0),
    leadMinutes: z.number().finite().min(0),
    completeAccuratePct: z.number().finite().min(0).max(100),
    classification: z.enum(StepClassifications),
    wastes: z.array(z.enum(Wastes)).max(Wastes.length),
    /** Runs beside the step before it (one group); the figures follow the group's longest. */
    parallel: z.literal(true).optional(),
  })
  .refine((s) => s.leadMinutes >= s.processMinutes, {
    message: 'lead time must be at least the process time',
    path: ['leadMinutes'],
  })
export type Step = z.infer<typeof StepSchema>

/** The two states of a value-stream map, each a list of steps. */
export const StreamStates = ['current', 'future'] as const
export type StreamState = (typeof StreamStates)[number]
