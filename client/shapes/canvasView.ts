import type { ComponentType } from 'react'
import type { CanvasKind } from '../../shared/canvases/schema'
import type { CanvasDefinition } from '../../shared/canvases/types'
import type { CanvasMap } from '../../shared/doc/canvasDoc'

/** What a kind's view is given: its canvas in the Y.Doc and its definition. */
export interface CanvasViewProps {
  canvasId: string
  canvas: CanvasMap
  definition: CanvasDefinition
}

/** A kind's view, registered by its folder (client/shapes/<kind>/view.ts). */
export interface CanvasViewRegistration {
  kind: CanvasKind
  View: ComponentType<CanvasViewProps>
}
