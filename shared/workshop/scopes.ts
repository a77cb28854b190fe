import { sameScope, type Scope } from './voting.js'

/** What the scope helpers need of a tldraw shape. */
export interface ScopeShape {
  id: string
  type: string
  props?: unknown
}

const canvasIdOf = (shape: ScopeShape): string | null => {
  if (shape.type !== 'canvas' || typeof shape.props !== 'object' || shape.props === null) {
    return null
  }
  const id: unknown = (shape.props as Record<string, unknown>).canvasId
  return typeof id === 'string' ? id : null
}

/** The scope a shape stands for: a canvas shape its canvas, a frame itself; other shapes none. */
export function scopeOfShape(shape: ScopeShape): Scope | null {
  const canvasId = canvasIdOf(shape)
  if (canvasId) return { kind: 'canvas', canvasId }
  if (shape.type === 'frame') return { kind: 'frame', shapeId: shape.id }
  return null
}

/** The scope of the selection when it is exactly one canvas or one frame, else null. */
export function scopeOfSelection(selected: readonly ScopeShape[]): Scope | null {
  const only = selected.length === 1 ? selected[0] : undefined
  return only ? scopeOfShape(only) : null
}

/** Whether `scope` is in `list`. */
export const hasScope = (list: readonly Scope[], scope: Scope | null): boolean =>
  scope !== null && list.some((s) => sameScope(s, scope))

/**
 * Whether a shape is locked: it is a locked canvas or frame, or sits (at any depth) inside a
 * locked frame or canvas. `ancestors` are the shape's parents, nearest first.
 */
export function isShapeLocked(
  locks: readonly Scope[],
  shape: ScopeShape,
  ancestors: readonly ScopeShape[],
): boolean {
  if (locks.length === 0) return false
  return [shape, ...ancestors].some((s) => hasScope(locks, scopeOfShape(s)))
}

/** "the whole board", "this canvas", "this frame": how buttons and messages name a scope. */
export function scopeLabel(scope: Scope): string {
  switch (scope.kind) {
    case 'board':
      return 'the whole board'
    case 'canvas':
      return 'this canvas'
    case 'frame':
      return 'this frame'
  }
}
