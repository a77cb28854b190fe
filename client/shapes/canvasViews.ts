import type { ComponentType } from 'react'
import type { CanvasKind } from '../../shared/canvases/schema'
import type { CanvasDefinition } from '../../shared/canvases/types'
import type { CanvasMap } from '../../shared/doc/canvasDoc'
import { hypothesisView } from './hypothesis/view'
import { leanView } from './lean/view'
import { mlView } from './ml/view'
import { vsmView } from './vsm/view'

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

/** Every kind's view; adding a kind means adding its folder and one line here. */
const registrations = [hypothesisView, mlView, leanView, vsmView] as const

/** The view of each canvas kind. */
export const canvasViews = Object.fromEntries(
  registrations.map((r) => [r.kind, r.View]),
) as Record<CanvasKind, ComponentType<CanvasViewProps>>
