import { createShapeId, type TLShape, type TLShapeId } from 'tldraw'
import type { CanvasKind } from '../../../shared/canvases/schema'

export const CanvasShapeType = 'canvas'

/**
 * A canvas on the board holds only where it is and which canvas it shows; the content lives
 * in the Y.Doc's `canvases` map, where every text is a Y.Text.
 */
export interface CanvasShapeProps {
  canvasId: string
  kind: CanvasKind
  w: number
  h: number
}

declare module 'tldraw' {
  export interface TLGlobalShapePropsMap {
    [CanvasShapeType]: CanvasShapeProps
  }
}

export type CanvasShape = TLShape<typeof CanvasShapeType>

/**
 * The shape id of a canvas, derived from its id: two people placing the same canvas at once
 * (one created through the API, say) write the same record rather than two shapes.
 */
export const canvasShapeId = (canvasId: string): TLShapeId => createShapeId(`canvas-${canvasId}`)

export function isCanvasShape(shape: TLShape | undefined): shape is CanvasShape {
  return shape?.type === CanvasShapeType
}
