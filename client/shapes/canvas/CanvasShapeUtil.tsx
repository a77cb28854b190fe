import {
  HTMLContainer,
  Rectangle2d,
  ShapeUtil,
  T,
  resizeBox,
  type RecordProps,
  type TLResizeInfo,
  type TLShape,
} from 'tldraw'
import type * as Y from 'yjs'
import { CanvasKinds } from '../../../shared/canvases/schema'
import { getCanvasDefinition } from '../../../shared/canvases/registry'
import { CanvasShapeType, type CanvasShape } from './canvasShape'
import { CanvasShapeView } from './CanvasShapeView'
import { dropNotesIntoBox } from './dropNotesIntoBox'

export interface CanvasShapeOptions {
  /** The board's document, for dropping stickies into boxes; views get it from context. */
  doc: Y.Doc | null
}

const MinSize = { w: 480, h: 360 }

/**
 * A typed canvas (hypothesis, ML, Lean, value-stream map) on the board. It moves, resizes and
 * zooms like any shape; its boxes are HTML with their own inputs. Stickies dropped on a box
 * become items of that box.
 */
export class CanvasShapeUtil extends ShapeUtil<CanvasShape> {
  static override type = CanvasShapeType
  static override props: RecordProps<CanvasShape> = {
    canvasId: T.string,
    kind: T.literalEnum(...CanvasKinds),
    w: T.positiveNumber,
    h: T.positiveNumber,
  }

  override options: CanvasShapeOptions = { doc: null }

  override getDefaultProps(): CanvasShape['props'] {
    const { w, h } = getCanvasDefinition('hypothesis').defaultSize
    return { canvasId: '', kind: 'hypothesis', w, h }
  }

  override getGeometry(shape: CanvasShape) {
    return new Rectangle2d({ width: shape.props.w, height: shape.props.h, isFilled: true })
  }

  override canResize() {
    return true
  }

  override canEdit() {
    return false
  }

  override hideRotateHandle() {
    return true
  }

  override onResize(shape: CanvasShape, info: TLResizeInfo<CanvasShape>) {
    return resizeBox(shape, info, { minWidth: MinSize.w, minHeight: MinSize.h })
  }

  override canReceiveNewChildrenOfType(_shape: CanvasShape, type: TLShape['type']) {
    return type === 'note'
  }

  override onDropShapesOver(shape: CanvasShape, shapes: TLShape[]) {
    if (this.options.doc) dropNotesIntoBox(this.editor, this.options.doc, shape, shapes)
  }

  override component(shape: CanvasShape) {
    return (
      <HTMLContainer
        className="canvas-shape"
        style={{ width: shape.props.w, height: shape.props.h }}
      >
        <CanvasShapeView shape={shape} />
      </HTMLContainer>
    )
  }

  override getIndicatorPath(shape: CanvasShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 14)
    return path
  }
}
