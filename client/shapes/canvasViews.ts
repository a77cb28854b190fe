import type { ComponentType } from 'react'
import type { CanvasKind } from '../../shared/canvases/schema'
import type { CanvasViewProps } from './canvasView'
import { hypothesisView } from './hypothesis/view'
import { leanView } from './lean/view'
import { mlView } from './ml/view'
import { projectView } from './project/view'
import { vsmView } from './vsm/view'

/** Every kind's view; adding a kind means adding its folder and one line here. */
const registrations = [hypothesisView, mlView, leanView, vsmView, projectView] as const

/** The view of each canvas kind. */
export const canvasViews = Object.fromEntries(registrations.map((r) => [r.kind, r.View])) as Record<
  CanvasKind,
  ComponentType<CanvasViewProps>
>
