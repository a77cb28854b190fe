import type { TLShapeId } from '@tldraw/tlschema'
import { canvasRecordId } from './layout.js'

/**
 * The canvas shape's type and ids, apart from its props and migrations (canvasShape.ts): the
 * server reads shapes by these, and importing them alone keeps tldraw's schema packages, which
 * build their validators as they load, out of its memory.
 */

export const CanvasShapeType = 'canvas'

/** The shape id of a canvas, derived from its id (see `canvasRecordId`). */
export const canvasShapeId = (canvasId: string): TLShapeId => canvasRecordId(canvasId) as TLShapeId
