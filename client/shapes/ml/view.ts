import { mlCanvas } from '../../../shared/canvases/ml/definition'
import type { CanvasViewRegistration } from '../canvasView'
import { MlCanvasView } from './MlCanvasView'

/** The view of a ml canvas, registered in client/shapes/canvasViews.ts. */
export const mlView: CanvasViewRegistration = { kind: mlCanvas.kind, View: MlCanvasView }
