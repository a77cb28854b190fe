import { projectCanvas } from '../../../shared/canvases/project/definition'
import type { CanvasViewRegistration } from '../canvasView'
import { ProjectCanvasView } from './ProjectCanvasView'

/** The view of a project canvas, registered in client/shapes/canvasViews.ts. */
export const projectView: CanvasViewRegistration = {
  kind: projectCanvas.kind,
  View: ProjectCanvasView,
}
