import { BoxGrid } from '../canvas/BoxGrid'
import type { CanvasViewProps } from '../canvasView'
import { HypothesisSentence } from './HypothesisSentence'
import { MetricsList } from './MetricsList'
import { HypothesisTracking } from './tracking/HypothesisTracking'
import { LessonsLog } from './tracking/LessonsLog'
import './HypothesisCanvasView.css'

/**
 * Hypothesis canvas: the five boxes, the sentence in its three slots, and the metrics agreed
 * before the experiment starts. Its tracking (status, time box, verdict, measurements,
 * amendments, decision) sits in a bar above the boxes and a panel over the metrics; lessons
 * learned are an append-only log rather than editable items.
 */
export function HypothesisCanvasView({ canvasId, canvas, definition }: CanvasViewProps) {
  return (
    <HypothesisTracking canvasId={canvasId} canvas={canvas}>
      <BoxGrid
        canvasId={canvasId}
        canvas={canvas}
        definition={definition}
        rows="minmax(0, 0.9fr) minmax(0, 0.8fr) minmax(0, 1fr)"
        slots={{
          sentence: (
            <HypothesisSentence canvasId={canvasId} canvas={canvas} fields={definition.fields} />
          ),
          metrics: <MetricsList canvasId={canvasId} canvas={canvas} />,
          lessons: <LessonsLog canvasId={canvasId} canvas={canvas} />,
        }}
      />
    </HypothesisTracking>
  )
}
