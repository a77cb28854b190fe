import type { Editor, TLShape } from 'tldraw'
import * as Y from 'yjs'
import { readItemAuthor } from '../../../shared/doc/canvasDoc'
import { placementUnder } from '../../../shared/workshop/privatePlacement'
import {
  isHiddenByPrivateMode,
  noteAuthor,
  type Placement,
  type PrivateScope,
} from './privateVisibility'

/** Ids of the items of a box that private mode hides from `me`. */
export function hiddenItemIds(
  items: Y.Array<unknown>,
  placement: Placement,
  privateScopes: readonly PrivateScope[],
  me: string,
): Set<string> {
  const hidden = new Set<string>()
  for (const entry of items.toArray()) {
    if (!(entry instanceof Y.Map)) continue
    const id = entry.get('id')
    if (typeof id !== 'string') continue
    if (isHiddenByPrivateMode(readItemAuthor(entry), placement, privateScopes, me)) hidden.add(id)
  }
  return hidden
}

/** Where a sticky note sits: in a frame, on a canvas, or on a canvas inside a frame. */
export function placementOfShape(editor: Editor, shape: TLShape): Placement {
  return placementUnder(shape.parentId, (id) => editor.getShape(id as TLShape['id']))
}

/** Whether private mode hides a sticky note from `me`. */
export function isNoteHidden(
  editor: Editor,
  shape: TLShape,
  privateScopes: readonly PrivateScope[],
  me: string,
): boolean {
  if (shape.type !== 'note' || privateScopes.length === 0) return false
  return isHiddenByPrivateMode(
    noteAuthor(shape.meta),
    placementOfShape(editor, shape),
    privateScopes,
    me,
  )
}
