import type { ReactNode } from 'react'
import type { BoxDefinition, CanvasDefinition } from '../../../shared/canvases/types'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'
import { CanvasBox } from './CanvasBox'
import './BoxGrid.css'

interface BoxGridProps {
  canvasId: string
  canvas: CanvasMap
  definition: CanvasDefinition
  /** Areas of the layout drawn by the kind itself (the hypothesis sentence, say). */
  slots?: Record<string, ReactNode>
  /** Number the boxes in the method's order. */
  numbered?: boolean
  /** Relative heights of the layout's rows, as CSS grid track sizes. */
  rows?: string
}

/**
 * The boxes of a canvas laid out as its definition says (CSS grid areas). Boxes that share an
 * area are stacked in it, the way the Lean Canvas puts "Existing alternatives" under "Problem".
 */
export function BoxGrid({
  canvasId,
  canvas,
  definition,
  slots = {},
  numbered,
  rows,
}: BoxGridProps) {
  const { layout, boxes } = definition
  const areaNames = [...new Set(layout.areas.flatMap((row) => row.split(/\s+/)))]
  const boxOrder = boxes.map((b) => b.key)
  const byArea = new Map<string, BoxDefinition[]>()
  for (const box of boxes) byArea.set(box.area, [...(byArea.get(box.area) ?? []), box])
  // The method numbers its areas (the first box of each) in the order they are filled.
  const areaOrder = [...byArea.keys()]
  const numberOf = (box: BoxDefinition) =>
    numbered && byArea.get(box.area)?.[0] === box ? areaOrder.indexOf(box.area) + 1 : undefined

  return (
    <div
      className="canvas-grid"
      style={{
        gridTemplateColumns: `repeat(${layout.columns}, minmax(0, 1fr))`,
        gridTemplateAreas: layout.areas.map((row) => `"${row}"`).join(' '),
        gridTemplateRows: rows ?? `repeat(${layout.areas.length}, minmax(0, 1fr))`,
      }}
    >
      {areaNames.map((area) => (
        <div
          key={area}
          className={`canvas-area${(byArea.get(area)?.length ?? 0) > 1 ? ' is-stacked' : ''}`}
          style={{ gridArea: area }}
        >
          {slots[area] ??
            (byArea.get(area) ?? []).map((box) => (
              <CanvasBox
                key={box.key}
                canvasId={canvasId}
                canvas={canvas}
                box={box}
                boxOrder={boxOrder}
                number={numberOf(box)}
              />
            ))}
        </div>
      ))}
    </div>
  )
}
