import { createContext, useContext, useEffect, useState, type ReactNode } from 'react'
import * as Y from 'yjs'
import type { CanvasMap } from '../../../shared/doc/canvasDoc'
import { migrateCanvasMap } from '../../../shared/doc/canvasMigrations'
import { LocalOrigin } from '../../../shared/doc/layout'

const CanvasUndoContext = createContext<Y.UndoManager | null>(null)

/**
 * Undo and redo inside a canvas take back this person's own edits (typing, adding, moving,
 * deleting items), never someone else's: a Y.UndoManager over the canvas that tracks local
 * transactions only. The board's own undo (tldraw) keeps handling shapes.
 */
export function CanvasUndoProvider({
  canvas,
  children,
}: {
  canvas: CanvasMap
  children: ReactNode
}) {
  const [manager, setManager] = useState<Y.UndoManager | null>(null)
  useEffect(() => {
    // A canvas written by an older version is brought up to date once someone opens it, before
    // undo starts tracking: the migration is nobody's edit to take back.
    canvas.doc?.transact(() => migrateCanvasMap(canvas), LocalOrigin)
    const created = new Y.UndoManager(canvas, { trackedOrigins: new Set([LocalOrigin]) })
    setManager(created)
    return () => created.destroy()
  }, [canvas])
  return <CanvasUndoContext.Provider value={manager}>{children}</CanvasUndoContext.Provider>
}

/** Undo keys for a canvas field, and a way to start a new undo step when a field is entered. */
export function useCanvasUndo() {
  const manager = useContext(CanvasUndoContext)
  /** Handles Ctrl/⌘+Z, Ctrl/⌘+Shift+Z and Ctrl+Y; true when it did. */
  const onKeyDown = (event: KeyboardEvent | React.KeyboardEvent): boolean => {
    if (!manager || !(event.ctrlKey || event.metaKey) || event.altKey) return false
    const key = event.key.toLowerCase()
    const redo = (key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)
    const undo = key === 'z' && !event.shiftKey
    if (!undo && !redo) return false
    event.preventDefault()
    if (redo) manager.redo()
    else manager.undo()
    return true
  }
  // Typing in another field, or coming back to one, is a step of its own.
  const onFocus = () => manager?.stopCapturing()
  return { onKeyDown, onFocus }
}
