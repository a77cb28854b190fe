import { hypothesisCanvas } from './hypothesis/definition.js'
import { leanCanvas } from './lean/definition.js'
import { mlCanvas } from './ml/definition.js'
import type { CanvasKind } from './schema.js'
import type { CanvasDefinition } from './types.js'
import { vsmCanvas } from './vsm/definition.js'

/** Every canvas kind by its key; adding a kind means adding its folder and one line here. */
export const canvasDefinitions: Record<CanvasKind, CanvasDefinition> = {
  hypothesis: hypothesisCanvas,
  ml: mlCanvas,
  lean: leanCanvas,
  vsm: vsmCanvas,
}

/** The definition of a kind. */
export const getCanvasDefinition = (kind: CanvasKind): CanvasDefinition => canvasDefinitions[kind]
