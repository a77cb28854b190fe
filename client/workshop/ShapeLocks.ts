import type { Editor, TLParentId, TLShape } from 'tldraw'
import type { Scope } from '../../shared/workshop/voting'
import { isShapeLocked } from '../../shared/workshop/scopes'

/**
 * Keeps this person's hands off locked frames and canvases: a change or deletion they make to
 * a locked shape (or one inside a locked frame) is undone before it reaches the store, a
 * shape they drop into a locked frame stays on the page, and a locked shape's text cannot be
 * opened for typing (typing that is already open closes when the lock arrives). Locks are
 * workshop state, never flags in the document; remote changes pass untouched (the server
 * refuses any that touch locked content).
 */
export class ShapeLocks {
  private readonly disposers: (() => void)[]

  constructor(
    private readonly editor: Editor,
    private readonly locks: () => readonly Scope[],
  ) {
    const { sideEffects } = editor
    this.disposers = [
      sideEffects.registerBeforeChangeHandler('shape', (prev, next, source) => {
        if (source !== 'user') return next
        if (this.isLocked(prev)) return prev
        if (next.parentId !== prev.parentId && this.isLockedParent(next.parentId)) return prev
        return next
      }),
      sideEffects.registerBeforeChangeHandler('instance_page_state', (prev, next) => {
        const id = next.editingShapeId
        if (id === null || id === prev.editingShapeId) return next
        const shape = editor.getShape(id)
        return shape && this.isLocked(shape) ? { ...next, editingShapeId: null } : next
      }),
      sideEffects.registerBeforeDeleteHandler('shape', (shape, source) => {
        if (source === 'user' && this.isLocked(shape)) return false
        return
      }),
      sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
        if (source !== 'user' || !this.isLockedParent(shape.parentId)) return shape
        // Created inside a locked frame (pasted, drawn): keep it where it is, on the page.
        const point = editor.getShapePageTransform(shape.parentId as TLShape['id'])
        const at = point ? point.applyToPoint({ x: shape.x, y: shape.y }) : shape
        return { ...shape, parentId: editor.getCurrentPageId(), x: at.x, y: at.y }
      }),
    ]
  }

  /** Call when the locks change: stops typing into a shape that is locked now. */
  locksChanged(): void {
    const editing = this.editor.getEditingShape()
    if (editing && this.isLocked(editing)) this.editor.setEditingShape(null)
  }

  /** Whether `shape` is locked now. */
  isLocked(shape: TLShape): boolean {
    const locks = this.locks()
    if (locks.length === 0) return false
    return isShapeLocked(locks, shape, this.editor.getShapeAncestors(shape.id).reverse())
  }

  private isLockedParent(parentId: TLParentId): boolean {
    const parent = this.editor.getShape(parentId as TLShape['id'])
    return parent !== undefined && this.isLocked(parent)
  }

  dispose(): void {
    for (const dispose of this.disposers) dispose()
  }
}
