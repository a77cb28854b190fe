import type { CanvasKindSpec } from '../types.js'
import { MlContentSchema, type MlContent } from './content.js'
import { mlCanvas } from './definition.js'
import { migrateMlCanvas } from './migrations.js'

/** The Machine Learning Canvas: fields and boxes only; older documents use v0.4 box names. */
export const mlSpec = {
  kind: mlCanvas.kind,
  definition: mlCanvas,
  schema: MlContentSchema,
  migrate: (canvas, version) => migrateMlCanvas(canvas, version),
} satisfies CanvasKindSpec<typeof mlCanvas.kind, MlContent>
