import { z } from 'zod'
import { BaseContentSchema } from '../baseContent.js'
import { vsmCanvas } from './definition.js'
import { DurationUnits } from './durationUnit.js'
import { StepSchema } from './step.js'

/** A value-stream map's content: its fields and the steps of the current and future state. */
export const VsmContentSchema = BaseContentSchema.extend({
  kind: z.literal(vsmCanvas.kind),
  current: z.array(StepSchema).optional(),
  future: z.array(StepSchema).optional(),
  /** The unit the team reads durations in; absent: each duration in the units that read best. */
  displayUnit: z.enum(DurationUnits).optional(),
})
export type VsmContent = z.infer<typeof VsmContentSchema>
