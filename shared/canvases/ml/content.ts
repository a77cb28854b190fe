import { z } from 'zod'
import { BaseContentSchema } from '../baseContent.js'
import { mlCanvas } from './definition.js'

/** A Machine Learning Canvas's content: its header fields and boxes. */
export const MlContentSchema = BaseContentSchema.extend({ kind: z.literal(mlCanvas.kind) })
export type MlContent = z.infer<typeof MlContentSchema>
