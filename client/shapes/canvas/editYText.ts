import type * as Y from 'yjs'
import { LocalOrigin } from '../../../shared/doc/layout'
import { diffText } from './textDiff'

/**
 * Turns a field's new value into the smallest Y.Text delete/insert, found around the caret,
 * in one transaction tagged as a local edit.
 */
export function editYText(text: Y.Text, next: string, caret?: number): void {
  const prev = text.toString()
  if (prev === next) return
  const { index, deleteCount, insert } = diffText(prev, next, caret)
  const apply = () => {
    if (deleteCount > 0) text.delete(index, deleteCount)
    if (insert) text.insert(index, insert)
  }
  if (text.doc) text.doc.transact(apply, LocalOrigin)
  else apply()
}
