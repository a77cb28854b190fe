import type { ComponentType } from 'react'
import type { CanvasKind } from '../../shared/canvases/schema'
import type { CanvasDefinition } from '../../shared/canvases/types'
import type { CanvasMap } from '../../shared/doc/canvasDoc'
import { HypothesisCanvasView } from './hypothesis/HypothesisCanvasView'
import { LeanCanvasView } from './lean/LeanCanvasView'
import { MlCanvasView } from './ml/MlCanvasView'
import { VsmCanvasView } from './vsm/VsmCanvasView'

/** What a kind's view is given: its canvas in the Y.Doc and its definition. */
export interface CanvasViewProps {
  canvasId: string
  canvas: CanvasMap
  definition: CanvasDefinition
}

/** The view of each canvas kind; adding a kind means adding its folder and one line here. */
export const canvasViews: Record<CanvasKind, ComponentType<CanvasViewProps>> = {
  hypothesis: HypothesisCanvasView,
  ml: MlCanvasView,
  lean: LeanCanvasView,
  vsm: VsmCanvasView,
}
