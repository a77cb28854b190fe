import * as Y from 'yjs'
import { compareStreams } from '../../../shared/canvases/vsm/figures'
import { stopEventPropagation } from 'tldraw'
import { DurationUnits } from '../../../shared/canvases/vsm/durationUnit'
import { readDisplayUnit, setDisplayUnit } from '../../../shared/canvases/vsm/stepDoc'
import { LocalOrigin } from '../../../shared/doc/layout'
import { useCanvasEnvironment } from '../canvas/CanvasEnvironment'
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
  const { doc } = useCanvasEnvironment()
  const { current, future, unit } = useYRead(
    canvas,
    () => {
      const list = (key: string) => {
        const value = canvas.get(key)
        return readSteps(value instanceof Y.Array ? value : undefined)
      }
      return { current: list('current'), future: list('future'), unit: readDisplayUnit(canvas) }
    },
    true,
  )
  const figures = compareStreams(current, future)

  return (
    <div className="canvas-stack vsm">
      <div className="vsm-head">
        <CanvasFields canvasId={canvasId} canvas={canvas} fields={definition.fields} />
        <label className="vsm-unit">
          Durations in
          <select
            aria-label="Show durations in"
            data-testid="vsm-display-unit"
            value={unit ?? ''}
            onPointerDown={stopEventPropagation}
            onKeyDown={stopEventPropagation}
            onChange={(event) => {
              const chosen = DurationUnits.find((u) => u === event.target.value) ?? null
              doc.transact(() => setDisplayUnit(canvas, chosen), LocalOrigin)
            }}
          >
            <option value="">best fit</option>
            {DurationUnits.map((u) => (
              <option key={u} value={u}>
                {u}
              </option>
            ))}
          </select>
        </label>
      </div>
      <VsmLane
        canvasId={canvasId}
        state="current"
        label="Current state"
        steps={current}
        figures={figures.current}
        unit={unit}
      />
      <VsmLane
        canvasId={canvasId}
        state="future"
        label="Future state"
        steps={future}
        figures={figures.future}
        unit={unit}
      />
      <VsmComparison comparison={figures} unit={unit} />
    </div>
  )
}
