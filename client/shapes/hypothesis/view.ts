import { hypothesisCanvas } from '../../../shared/canvases/hypothesis/definition'
import type { CanvasViewRegistration } from '../canvasView'
import { HypothesisCanvasView } from './HypothesisCanvasView'

/** The view of a hypothesis canvas, registered in client/shapes/canvasViews.ts. */
export const hypothesisView: CanvasViewRegistration = {
  kind: hypothesisCanvas.kind,
  View: HypothesisCanvasView,
}
