import type { Editor, TLRecord, TLShape, TLStore } from 'tldraw'
import type { ItemAuthor } from '../../../shared/doc/canvasDoc'
import { CanvasShapeType } from '../../../shared/doc/canvasShape'
import { placementUnder } from '../../../shared/workshop/privatePlacement'
import { noteAuthor, scopeCovers, type PrivateScope } from './privateVisibility'

/**
 * Records who made each shape I create and when (server clock) in its meta: the markdown
 * export names the author of each sticky, text and shape, and private mode hides a sticky
 * from others until it ends. Only my own creations: remote ones arrive stamped. A canvas shape
 * is left as it is, since every screen writes the same record for a canvas. Takes the editor
 * (or its store). Returns the function that stops it.
 */
export function stampNewShapes(
  target: Pick<Editor, 'sideEffects'>,
  author: () => ItemAuthor,
): () => void {
  return target.sideEffects.registerBeforeCreateHandler('shape', (shape, source) => {
    if (source !== 'user' || shape.type === CanvasShapeType) return shape
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
