import {
  createShapePropsMigrationSequence,
  type RecordProps,
  type TLShape,
  type TLShapeId,
} from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { CanvasKinds, type CanvasKind } from '../canvases/registry.js'
import { canvasRecordId } from './layout.js'

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

declare module '@tldraw/tlschema' {
  export interface TLGlobalShapePropsMap {
    [CanvasShapeType]: CanvasShapeProps
  }
}

export type CanvasShape = TLShape<typeof CanvasShapeType>

/** How a canvas shape's props are validated, by every screen and by the server. */
export const canvasShapeProps: RecordProps<CanvasShape> = {
  canvasId: T.string,
  kind: T.literalEnum(...CanvasKinds),
  w: T.positiveNumber,
  h: T.positiveNumber,
}

/** The canvas shape's props migrations; a change of its props adds one here. */
export const canvasShapeMigrations = createShapePropsMigrationSequence({ sequence: [] })

/** The shape id of a canvas, derived from its id (see `canvasRecordId`). */
export const canvasShapeId = (canvasId: string): TLShapeId => canvasRecordId(canvasId) as TLShapeId

export function isCanvasShape(shape: TLShape | undefined): shape is CanvasShape {
  return shape?.type === CanvasShapeType
}
