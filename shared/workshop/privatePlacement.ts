import { CanvasShapeType } from '../doc/canvasShapeId.js'
import type { Scope } from './voting.js'

/** Where a sticky or canvas item sits: the canvas it belongs to and the frame around it. */
export interface Placement {
  canvasId?: string
  frameId?: string
}

/** Whether a scope covers something placed here. */
export function scopeCovers(scope: Scope, placement: Placement): boolean {
  switch (scope.kind) {
    case 'board':
      return true
    case 'canvas':
      return placement.canvasId === scope.canvasId
    case 'frame':
      return placement.frameId === scope.shapeId
  }
}

/** A shape as far as placement needs it. */
export interface PlacedShape {
  type: string
  parentId?: unknown
  props?: object
}

/**
 * Where something whose parent is `parentId` sits: in a frame, on a canvas, or on a canvas
 * inside a frame. `shapeOf` looks a shape up by id (in a store or a board document).
 */
export function placementUnder(
  parentId: unknown,
  shapeOf: (id: string) => PlacedShape | undefined,
): Placement {
  const parent = typeof parentId === 'string' ? shapeOf(parentId) : undefined
  if (!parent) return {}
  if (parent.type === 'frame') return { frameId: parentId as string }
  if (parent.type !== CanvasShapeType) return {}
  const canvasId = (parent.props as { canvasId?: unknown } | undefined)?.canvasId
  const grandId = parent.parentId
  const grand = typeof grandId === 'string' ? shapeOf(grandId) : undefined
  return {
    canvasId: typeof canvasId === 'string' ? canvasId : undefined,
    frameId: grand?.type === 'frame' ? (grandId as string) : undefined,
  }
}
