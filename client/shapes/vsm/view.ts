import { vsmCanvas } from '../../../shared/canvases/vsm/definition'
import type { CanvasViewRegistration } from '../canvasView'
import { VsmCanvasView } from './VsmCanvasView'

/** The view of a vsm canvas, registered in client/shapes/canvasViews.ts. */
export const vsmView: CanvasViewRegistration = { kind: vsmCanvas.kind, View: VsmCanvasView }
