import { renderPlaintextFromRichText, type Atom, type Editor, type TLShape } from 'tldraw'
import type * as Y from 'yjs'
import { LocalOrigin } from '../../../shared/doc/layout'
import {
  createItemMap,
  getBoardCanvases,
  getBoxItems,
  insertItem,
  type ItemAuthor,
} from '../../../shared/doc/canvasDoc'
import { getDraftBoxItems, getDraftRecords } from '../../../shared/doc/draftDoc'
import { getTldrawRecords } from '../../../shared/doc/layout'
import type { CanvasShape } from '../../../shared/doc/canvasShape'

/** The box a sticky being dragged would land in, if any. */
export type NoteDropTarget = Atom<{ canvasId: string; boxKey: string } | null>

/** The box under a point of the screen, found by the DOM (boxes are laid out by CSS grid). */
export function boxKeyAt(editor: Editor, canvasId: string): string | undefined {
  const screen = editor.inputs.getCurrentScreenPoint()
  const container = editor.getContainer().getBoundingClientRect()
  const elements = editor
    .getContainer()
    .ownerDocument.elementsFromPoint(container.left + screen.x, container.top + screen.y)
  for (const element of elements) {
    const box = element.closest<HTMLElement>('[data-box-key]')
    const canvas = box?.closest<HTMLElement>('[data-canvas-id]')
    if (box && canvas?.dataset.canvasId === canvasId) return box.dataset.boxKey
  }
  return undefined
}

/**
 * Turns stickies dropped on a box into items of that box, in the order they stood on the board
 * (top to bottom), and removes the stickies. Dropped outside any box, they stay as they are.
 * A sticky still in my private drafts becomes a draft item, so nobody sees it before its time.
 */
export function dropNotesIntoBox(
  editor: Editor,
  doc: Y.Doc,
  shape: CanvasShape,
  shapes: TLShape[],
  drafts: Y.Doc | null = null,
) {
  const notes = shapes.filter((s) => s.type === 'note')
  if (notes.length === 0) return
  const boxKey = boxKeyAt(editor, shape.props.canvasId)
  const canvas = getBoardCanvases(doc).get(shape.props.canvasId)
  if (!boxKey || !canvas) return
  const dropped = [...notes]
    .sort((a, b) => a.y - b.y || a.x - b.x)
    .map((note) => ({
      text:
        'richText' in note.props ? renderPlaintextFromRichText(editor, note.props.richText) : '',
      author: noteAuthor(note),
      isDraft:
        drafts !== null &&
        getDraftRecords(drafts).has(note.id) &&
        !getTldrawRecords(doc).has(note.id),
    }))
  doc.transact(() => {
    const items = getBoxItems(canvas, boxKey)
    // The item keeps its sticky's author, so private mode still hides it from the others.
    for (const { text, author } of dropped.filter((d) => !d.isDraft)) {
      insertItem(canvas, boxKey, items.length, text.slice(0, 4000), author)
    }
  }, LocalOrigin)
  const privateOnes = dropped.filter((d) => d.isDraft)
  if (drafts && privateOnes.length > 0) {
    drafts.transact(() => {
      const items = getDraftBoxItems(drafts, shape.props.canvasId, boxKey)
      for (const { text, author } of privateOnes) {
        items.push([createItemMap(text.slice(0, 4000), undefined, author)])
      }
    }, LocalOrigin)
  }
  editor.deleteShapes(notes.map((note) => note.id))
}

/** Who made a sticky and when, as stamped on its meta when it was created. */
function noteAuthor(note: TLShape): ItemAuthor | undefined {
  const { createdBy, createdAt } = note.meta
  return typeof createdBy === 'string' && typeof createdAt === 'number'
    ? { by: createdBy, at: createdAt }
    : undefined
}
