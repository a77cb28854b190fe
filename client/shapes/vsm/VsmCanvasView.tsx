import * as Y from 'yjs'
import { compareStreams } from '../../../shared/canvases/vsm/figures'
import { CanvasFields } from '../canvas/CanvasFields'
import { useYRead } from '../canvas/useY'
import type { CanvasViewProps } from '../canvasView'
import { readSteps } from './readSteps'
import { VsmComparison } from './VsmComparison'
import { VsmLane } from './VsmLane'
import './VsmCanvasView.css'

/**
 * Value-stream map: the product, then the current and the future state as lanes of steps left
 * to right, each with its figures, and what the future state gains. Figures come from the one
 * shared function the server and the export use too.
 */
export function VsmCanvasView({ canvasId, canvas, definition }: CanvasViewProps) {
  const { current, future } = useYRead(
    canvas,
    () => {
      const list = (key: string) => {
        const value = canvas.get(key)
        return readSteps(value instanceof Y.Array ? value : undefined)
      }
      return { current: list('current'), future: list('future') }
    },
    true,
  )
  const figures = compareStreams(current, future)

  return (
    <div className="canvas-stack vsm">
      <CanvasFields canvasId={canvasId} canvas={canvas} fields={definition.fields} />
      <VsmLane
        canvasId={canvasId}
        state="current"
        label="Current state"
        steps={current}
        figures={figures.current}
      />
      <VsmLane
        canvasId={canvasId}
        state="future"
        label="Future state"
        steps={future}
        figures={figures.future}
      />
      <VsmComparison comparison={figures} />
    </div>
  )
}
