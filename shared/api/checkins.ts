import { z } from 'zod'
import {
  CadenceDaysSchema,
  CheckinInputSchema,
  CheckinSchema,
  CheckinStandingSchema,
} from '../checkins/checkin.js'

/** POST …/canvases/:canvasId/checkins: a check-in on a running hypothesis or an active project. */
export const CheckinBodySchema = CheckinInputSchema.extend({
  by: z.string().trim().min(1).max(200).optional(),
})
export type CheckinBody = z.input<typeof CheckinBodySchema>

/** PUT …/canvases/:canvasId/checkin-cadence: how many days between check-ins. */
export const CadenceBodySchema = z.strictObject({
  days: CadenceDaysSchema.describe('Days between check-ins, 1 to 90'),
})

/** A canvas's check-ins as the API answers them. */
export const CheckinsViewSchema = z.object({
  checkins: z.array(CheckinSchema),
  cadenceDays: z.number().int(),
  standing: CheckinStandingSchema.nullable(),
  since: z.array(z.string()).describe('What the next check-in lists automatically'),
})
export type CheckinsView = z.infer<typeof CheckinsViewSchema>

export const CheckinCreatedSchema = CheckinsViewSchema.extend({ checkin: CheckinSchema })
