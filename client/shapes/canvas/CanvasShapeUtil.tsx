import {
  HTMLContainer,
  Rectangle2d,
  ShapeUtil,
  resizeBox,
  type TLResizeInfo,
  type TLShape,
} from 'tldraw'
import type * as Y from 'yjs'
import { CanvasKinds } from '../../../shared/canvases/schema'
import { getCanvasDefinition } from '../../../shared/canvases/registry'
import {
  CanvasShapeType,
  canvasShapeMigrations,
  canvasShapeProps,
  type CanvasShape,
} from '../../../shared/doc/canvasShape'
import { canvasExportSvg } from '../../export/CanvasExportView'
import { CanvasShapeView } from './CanvasShapeView'
import { boxKeyAt, dropNotesIntoBox, type NoteDropTarget } from './dropNotesIntoBox'

export interface CanvasShapeOptions {
  /** The board's document, for dropping stickies into boxes; views get it from context. */
  doc: Y.Doc | null
  /** This person's private drafts: a private sticky dropped into a box stays private. */
  drafts?: Y.Doc | null
  /** Where a sticky being dragged would land, so that box can light up. */
  noteDropTarget: NoteDropTarget | null
}

const MinSize = { w: 480, h: 360 }

/**
 * A typed canvas (hypothesis, ML, Lean, value-stream map) on the board. It moves, resizes and
 * zooms like any shape; its boxes are HTML with their own inputs. Stickies dropped on a box
 * become items of that box.
 */
export class CanvasShapeUtil extends ShapeUtil<CanvasShape> {
  static override type = CanvasShapeType
  // The same props and migrations as the board's schema (shared/doc/boardSchema.ts).
  static override props = canvasShapeProps
  static override migrations = canvasShapeMigrations

  override options: CanvasShapeOptions = { doc: null, noteDropTarget: null }

  override getDefaultProps(): CanvasShape['props'] {
    // The first kind, as the picker lists them: a real canvas always sets its own kind.
    const kind = CanvasKinds[0]
    const { w, h } = getCanvasDefinition(kind).defaultSize
    return { canvasId: '', kind, w, h }
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

  override onDragShapesOver(shape: CanvasShape, shapes: TLShape[]) {
    const boxKey = shapes.some((s) => s.type === 'note')
      ? boxKeyAt(this.editor, shape.props.canvasId)
      : undefined
    const target = this.options.noteDropTarget
    const current = target?.get()
    if (!target || (current?.canvasId === shape.props.canvasId && current.boxKey === boxKey)) return
    target.set(boxKey ? { canvasId: shape.props.canvasId, boxKey } : null)
  }

  override onDragShapesOut() {
    this.options.noteDropTarget?.set(null)
  }

  override onDropShapesOver(shape: CanvasShape, shapes: TLShape[]) {
    this.options.noteDropTarget?.set(null)
    if (this.options.doc) {
      dropNotesIntoBox(this.editor, this.options.doc, shape, shapes, this.options.drafts ?? null)
    }
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

  // Exports draw the canvas from the document: the live view needs the board around it.
  override toSvg(shape: CanvasShape) {
    return canvasExportSvg(this.options.doc, shape)
  }

  override getIndicatorPath(shape: CanvasShape) {
    const path = new Path2D()
    path.roundRect(0, 0, shape.props.w, shape.props.h, 14)
    return path
  }
}
