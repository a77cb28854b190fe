import { BoxGrid } from '../canvas/BoxGrid'
import type { CanvasViewProps } from '../canvasView'
import './LeanCanvasView.css'

/** Lean Canvas: nine areas, boxes numbered in the order the method fills them. */
export function LeanCanvasView({ canvasId, canvas, definition }: CanvasViewProps) {
  return (
    <BoxGrid
      canvasId={canvasId}
      canvas={canvas}
      definition={definition}
      numbered
      rows="minmax(0, 1fr) minmax(0, 1fr) minmax(0, 0.7fr)"
    />
  )
}
