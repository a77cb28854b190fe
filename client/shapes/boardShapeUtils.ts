import { defaultShapeUtils } from 'tldraw'
import { CanvasShapeUtil, type CanvasShapeOptions } from './canvas/CanvasShapeUtil'

/**
 * Every shape the board's editor draws. The records they describe are the board's schema
 * (shared/doc/boardSchema.ts), which the sync builds without these views: a shape added here
 * is added there too.
 */
export const boardShapeUtils = (options: CanvasShapeOptions) => [
  ...defaultShapeUtils,
  CanvasShapeUtil.configure(options),
]
