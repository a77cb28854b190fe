import { z } from 'zod'
import { Roles } from './links.js'
import { WorkshopStateSchema } from '../workshop/workshopState.js'

/** GET /api/boards/:boardId/workshop (and the answer to a facilitator action). */
export const WorkshopResponseSchema = z.object({
  state: WorkshopStateSchema,
  role: z.enum(Roles).optional(),
  /** The server's clock when it answered (epoch ms), to show the same timer on every screen. */
  serverTime: z.number().optional(),
})
export type WorkshopResponse = z.infer<typeof WorkshopResponseSchema>

/** The caller's own votes in the running vote; everyone else's stay secret until it ends. */
export const MyVotesSchema = z.object({
  votingId: z.string().nullable(),
  /** The items voted for, once per vote. */
  mine: z.array(z.string()),
  remaining: z.number().int().min(0),
})
export type MyVotes = z.infer<typeof MyVotesSchema>

/** GET /api/time */
export const ServerTimeSchema = z.object({ now: z.number() })
