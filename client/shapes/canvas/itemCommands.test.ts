import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import {
  emptyCanvas,
  getBoardCanvases,
  getBoxItems,
  readCanvas,
  writeCanvas,
} from '../../../shared/doc/canvasDoc'
import { editYText } from './editYText'
import { addItem, removeItem, shiftItem, transferItem, type BoxRef } from './itemCommands'
import { readItems } from './readItems'

/** Two people's documents, exchanging updates only when told to (as if the network were slow). */
function twoPeople() {
  const alice = new Y.Doc()
  const bob = new Y.Doc()
  const canvas = emptyCanvas('lean', 'Shared')
  writeCanvas(alice, canvas)
  const sync = () => {
    Y.applyUpdate(bob, Y.encodeStateAsUpdate(alice, Y.encodeStateVector(bob)))
    Y.applyUpdate(alice, Y.encodeStateAsUpdate(bob, Y.encodeStateVector(alice)))
  }
  sync()
  return { alice, bob, canvasId: canvas.id, sync }
}

const texts = (doc: Y.Doc, canvasId: string, boxKey: string) =>
  readCanvas(canvasId, getBoardCanvases(doc).get(canvasId)!)!.boxes[boxKey]!.map((i) => i.text)

const itemText = (doc: Y.Doc, canvasId: string, boxKey: string, index = 0) =>
  readItems(getBoxItems(getBoardCanvases(doc).get(canvasId)!, boxKey))[index]!.text

describe('when two people type into the same item at once', () => {
  it("keeps both people's characters, each where they typed them", () => {
    const { alice, bob, canvasId, sync } = twoPeople()
    const box: BoxRef = { canvasId, boxKey: 'problem' }
    addItem(alice, box, 0, 'slow checkout')
    sync()

    // Alice appends at the end while Bob capitalises the start, before either sees the other.
    editYText(itemText(alice, canvasId, 'problem'), 'slow checkout on mobile', 23)
    editYText(itemText(bob, canvasId, 'problem'), 'Very slow checkout', 5)
    sync()

    expect(texts(alice, canvasId, 'problem')).toEqual(['Very slow checkout on mobile'])
    expect(texts(bob, canvasId, 'problem')).toEqual(['Very slow checkout on mobile'])
  })

  it('merges two people typing at the same place without losing a letter', () => {
    const { alice, bob, canvasId, sync } = twoPeople()
    const box: BoxRef = { canvasId, boxKey: 'solution' }
    addItem(alice, box, 0, 'ab')
    sync()
    editYText(itemText(alice, canvasId, 'solution'), 'aXYb', 3)
    editYText(itemText(bob, canvasId, 'solution'), 'a12b', 3)
    sync()
    const merged = texts(alice, canvasId, 'solution')[0]!
    expect(merged).toBe(texts(bob, canvasId, 'solution')[0])
    expect(merged.length).toBe(6)
    expect(merged).toMatch(/^a(XY12|12XY)b$/)
  })
})

describe('when two people add items to one box at once', () => {
  it('keeps both items', () => {
    const { alice, bob, canvasId, sync } = twoPeople()
    addItem(alice, { canvasId, boxKey: 'channels' }, 0, 'from Alice')
    addItem(bob, { canvasId, boxKey: 'channels' }, 0, 'from Bob')
    sync()
    expect(texts(alice, canvasId, 'channels').sort()).toEqual(['from Alice', 'from Bob'])
    expect(texts(bob, canvasId, 'channels')).toEqual(texts(alice, canvasId, 'channels'))
  })
})

describe('when a person reorders, moves and deletes items', () => {
  it('moves an item up and down within its box, keeping its id', () => {
    const { alice, canvasId } = twoPeople()
    const box: BoxRef = { canvasId, boxKey: 'problem' }
    const a = addItem(alice, box, Infinity, 'a')!
    addItem(alice, box, Infinity, 'b')
    addItem(alice, box, Infinity, 'c')
    expect(shiftItem(alice, box, a, 1)).toBe(true)
    expect(texts(alice, canvasId, 'problem')).toEqual(['b', 'a', 'c'])
    expect(shiftItem(alice, box, a, -1)).toBe(true)
    expect(shiftItem(alice, box, a, -1)).toBe(false)
    expect(texts(alice, canvasId, 'problem')).toEqual(['a', 'b', 'c'])
    expect(readItems(getBoxItems(getBoardCanvases(alice).get(canvasId)!, 'problem'))[0]!.id).toBe(a)
  })

  it('moves an item to another box at the place it was dropped', () => {
    const { alice, bob, canvasId, sync } = twoPeople()
    const from: BoxRef = { canvasId, boxKey: 'problem' }
    const to: BoxRef = { canvasId, boxKey: 'solution' }
    const id = addItem(alice, from, Infinity, 'moving')!
    addItem(alice, to, Infinity, 'first')
    addItem(alice, to, Infinity, 'last')
    transferItem(alice, from, id, to, 1)
    sync()
    expect(texts(bob, canvasId, 'problem')).toEqual([])
    expect(texts(bob, canvasId, 'solution')).toEqual(['first', 'moving', 'last'])
  })

  it('drops an item further down its own box at the place it was dropped', () => {
    const { alice, canvasId } = twoPeople()
    const box: BoxRef = { canvasId, boxKey: 'problem' }
    const a = addItem(alice, box, Infinity, 'a')!
    addItem(alice, box, Infinity, 'b')
    addItem(alice, box, Infinity, 'c')
    // Dropped between b and c: index 2 counted with a still in place.
    transferItem(alice, box, a, box, 2)
    expect(texts(alice, canvasId, 'problem')).toEqual(['b', 'a', 'c'])
  })

  it('deletes an item for everyone while another person types in a different one', () => {
    const { alice, bob, canvasId, sync } = twoPeople()
    const box: BoxRef = { canvasId, boxKey: 'problem' }
    const gone = addItem(alice, box, Infinity, 'gone')!
    addItem(alice, box, Infinity, 'kept')
    sync()
    removeItem(alice, box, gone)
    editYText(itemText(bob, canvasId, 'problem', 1), 'kept and edited', 15)
    sync()
    expect(texts(alice, canvasId, 'problem')).toEqual(['kept and edited'])
    expect(texts(bob, canvasId, 'problem')).toEqual(['kept and edited'])
  })
})
