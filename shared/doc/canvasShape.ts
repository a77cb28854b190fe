import { createShapePropsMigrationSequence, type RecordProps, type TLShape } from '@tldraw/tlschema'
import { T } from '@tldraw/validate'
import { CanvasKinds, type CanvasKind } from '../canvases/registry.js'
import { CanvasShapeType } from './canvasShapeId.js'

export { CanvasShapeType, canvasShapeId } from './canvasShapeId.js'

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

export function isCanvasShape(shape: TLShape | undefined): shape is CanvasShape {
  return shape?.type === CanvasShapeType
}
