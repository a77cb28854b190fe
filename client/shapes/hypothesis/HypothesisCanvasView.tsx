import { BoxGrid } from '../canvas/BoxGrid'
import type { CanvasViewProps } from '../canvasViews'
import { HypothesisSentence } from './HypothesisSentence'
import { MetricsList } from './MetricsList'

/**
 * Hypothesis canvas: the five boxes, the sentence in its three slots, and the metrics agreed
 * before the experiment starts. Tracking (status, time box, measurements) gets its own panel.
 */
export function HypothesisCanvasView({ canvasId, canvas, definition }: CanvasViewProps) {
  return (
    <BoxGrid
      canvasId={canvasId}
      canvas={canvas}
      definition={definition}
      rows="minmax(0, 0.9fr) minmax(0, 0.8fr) minmax(0, 1fr)"
      slots={{
        sentence: <HypothesisSentence canvas={canvas} fields={definition.fields} />,
        metrics: <MetricsList canvasId={canvasId} canvas={canvas} />,
      }}
    />
  )
}
