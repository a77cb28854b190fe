import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  emptyCanvas,
  getBoardCanvases,
  getBoxItems,
  insertItem,
  moveItem,
  readCanvas,
  readItemAuthor,
  setBoxItems,
  writeCanvas,
} from './canvasDoc'

function board() {
  const doc = new Y.Doc()
  const content = emptyCanvas('lean', 'Ideas')
  writeCanvas(doc, content)
  return { doc, canvas: getBoardCanvases(doc).get(content.id)!, id: content.id }
}

const author = { by: 'a'.repeat(32), at: 1234 }

describe('the author of a canvas item', () => {
  it('is recorded on a new item and read back, while the canvas still reads as before', () => {
    const { canvas, id } = board()
    insertItem(canvas, 'problem', 0, 'Mine', author)
    expect(readItemAuthor(getBoxItems(canvas, 'problem').get(0))).toEqual(author)
    expect(readCanvas(id, canvas)!.boxes.problem).toEqual([
      { id: expect.any(String), text: 'Mine' },
    ])
  })

  it('moves with the item to another box, so a move does not reveal a private idea', () => {
    const { canvas } = board()
    const itemId = insertItem(canvas, 'problem', 0, 'Mine', author)
    moveItem({ canvas, boxKey: 'problem', itemId }, { canvas, boxKey: 'solution' }, 0)
    expect(readItemAuthor(getBoxItems(canvas, 'solution').get(0))).toEqual(author)
  })

  it('survives a reorder written through the API', () => {
    const { canvas } = board()
    const first = insertItem(canvas, 'problem', 0, 'First', author)
    const second = insertItem(canvas, 'problem', 1, 'Second')
    setBoxItems(canvas, 'problem', [
      { id: second, text: 'Second' },
      { id: first, text: 'First' },
    ])
    const items = getBoxItems(canvas, 'problem')
    expect(items.get(1).get('id')).toBe(first)
    expect(readItemAuthor(items.get(1))).toEqual(author)
    expect(readItemAuthor(items.get(0))).toBeUndefined()
  })

  it('is ignored when someone wrote something that is not one', () => {
    const { canvas } = board()
    insertItem(canvas, 'problem', 0, 'Odd')
    const item = getBoxItems(canvas, 'problem').get(0)
    item.set('by', 42)
    item.set('at', 5)
    expect(readItemAuthor(item)).toBeUndefined()
  })
})
