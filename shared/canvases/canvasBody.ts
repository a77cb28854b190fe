import { z } from 'zod'
import { plainLine } from '../api/plainText.js'
import { hypothesisBodyParts } from './hypothesis/metricInput.js'
import { vsmBodyParts } from './vsm/stepInput.js'

const TitleSchema = plainLine('title', 200)
const FieldValueSchema = z.string().max(2000)

/**
 * The content members of an API body that creates or changes a canvas, any kind's: the bodies
 * (shared/api/canvases.ts) take them all, and each kind reads its own (its spec's `input`).
 */
export const contentParts = {
  title: TitleSchema.optional(),
  fields: z.record(z.string(), FieldValueSchema).optional(),
  ...hypothesisBodyParts,
  ...vsmBodyParts,
}

/** The content members of a create or change body, as a kind reads them (any kind's). */
export type CanvasBodyParts = {
  [K in keyof typeof contentParts]?: z.infer<(typeof contentParts)[K]>
}
