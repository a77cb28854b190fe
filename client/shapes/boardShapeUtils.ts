import { defaultShapeUtils } from 'tldraw'
import { CanvasShapeUtil } from './canvas/CanvasShapeUtil'

/**
 * Every shape a board can hold. The store's schema is built from this list, so records of a
 * canvas shape sent by someone else validate; the editor gets the same utils (configured).
 */
export const boardShapeUtils = [...defaultShapeUtils, CanvasShapeUtil]
