import {
  createTLSchema,
  defaultBindingSchemas,
  defaultShapeSchemas,
  type TLSchema,
} from '@tldraw/tlschema'
import { CanvasShapeType, canvasShapeMigrations, canvasShapeProps } from './canvasShape.js'

/**
 * The schema of a board's tldraw records (the `tldraw` map of its Y.Doc): tldraw's own shapes
 * and bindings, and the canvas shape. It needs no view, so the sync layer and the server build
 * the same one the editor's shape utils describe.
 */
export function createBoardSchema(): TLSchema {
  return createTLSchema({
    shapes: {
      ...defaultShapeSchemas,
      [CanvasShapeType]: { props: canvasShapeProps, migrations: canvasShapeMigrations },
    },
    bindings: defaultBindingSchemas,
  })
}
