import { leanCanvas } from '../../../shared/canvases/lean/definition'
import type { CanvasViewRegistration } from '../canvasView'
import { LeanCanvasView } from './LeanCanvasView'

/** The view of a lean canvas, registered in client/shapes/canvasViews.ts. */
export const leanView: CanvasViewRegistration = { kind: leanCanvas.kind, View: LeanCanvasView }
