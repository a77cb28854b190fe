import { readProjectTracking } from '../../../shared/canvases/project/projectDoc'
import type { ProjectTracking } from '../../../shared/canvases/project/tracking'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'
import { useYRead } from '../canvas/useY'

/** What a project tracks, read from the document again whenever any of it changes. */
export const useProjectRecord = (canvas: CanvasMap): ProjectTracking =>
  useYRead(canvas, () => readProjectTracking(canvas), true)
