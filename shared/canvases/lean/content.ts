import { z } from 'zod'
import { BaseContentSchema } from '../baseContent.js'
import { leanCanvas } from './definition.js'

/** A Lean Canvas's content: its boxes. */
export const LeanContentSchema = BaseContentSchema.extend({ kind: z.literal(leanCanvas.kind) })
export type LeanContent = z.infer<typeof LeanContentSchema>
