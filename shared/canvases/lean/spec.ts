import type { CanvasKindSpec } from '../types.js'
import { LeanContentSchema, type LeanContent } from './content.js'
import { leanCanvas } from './definition.js'

/** The Lean Canvas: boxes only. */
export const leanSpec = {
  kind: leanCanvas.kind,
  definition: leanCanvas,
  schema: LeanContentSchema,
} satisfies CanvasKindSpec<typeof leanCanvas.kind, LeanContent>
