import type { Editor } from 'tldraw'
import type { ItemAuthor } from '../../../shared/doc/canvasDoc'

/**
 * Records who made each new sticky note and when (server clock) in its meta, so private mode
 * can hide it from others until it ends. Only my own creations: remote ones arrive stamped.
 * Returns the function that stops it.
 */
export function stampNewNotes(editor: Editor, author: () => ItemAuthor): () => void {
  return editor.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type !== 'note') return shape
    const { by, at } = author()
    return { ...shape, meta: { ...shape.meta, createdBy: by, createdAt: at } }
  })
}
