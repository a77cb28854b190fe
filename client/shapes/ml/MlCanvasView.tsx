import { BoxGrid } from '../canvas/BoxGrid'
import { CanvasFields } from '../canvas/CanvasFields'
import type { CanvasViewProps } from '../canvasView'
import './MlCanvasView.css'

/** Machine Learning Canvas: the header fields above its ten boxes. */
export function MlCanvasView({ canvasId, canvas, definition }: CanvasViewProps) {
  return (
    <div className="canvas-stack">
      <CanvasFields canvasId={canvasId} canvas={canvas} fields={definition.fields} />
      <BoxGrid
        canvasId={canvasId}
        canvas={canvas}
        definition={definition}
        rows="minmax(0, 1fr) minmax(0, 1fr) minmax(0, 0.6fr)"
      />
    </div>
  )
}
