import type { Editor, TLRecord, TLShape, TLStore } from 'tldraw'
import type { ItemAuthor } from '../../../shared/doc/canvasDoc'
import { placementUnder } from '../../../shared/workshop/privatePlacement'
import { noteAuthor, scopeCovers, type PrivateScope } from './privateVisibility'

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

/**
 * Whether a record I just added is a private sticky: a note of mine, inside a scope that is
 * private now. It goes to my drafts (client/sync/DraftSync.ts) instead of the board.
 */
export function isPrivateNewNote(
  store: TLStore,
  record: TLRecord,
  privateScopes: readonly PrivateScope[],
  me: string,
): boolean {
  if (privateScopes.length === 0 || record.typeName !== 'shape' || record.type !== 'note') {
    return false
  }
  const author = noteAuthor(record.meta)
  if (!author || author.by !== me) return false
  const placement = placementUnder(record.parentId, (id) => {
    const parent = store.get(id as TLShape['id'])
    return parent?.typeName === 'shape' ? parent : undefined
  })
  // It is being added now, so no check of its time against the scope's: a screen's estimate
  // of the server clock may lag, and a sticky made just after private mode began must not leak.
  return privateScopes.some((p) => scopeCovers(p.scope, placement))
}
