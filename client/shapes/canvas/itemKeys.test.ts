import { describe, expect, it } from 'vitest'
import { itemKeyCommand } from './itemKeys'

const key = (
  k: string,
  mods: Partial<Record<'altKey' | 'shiftKey' | 'ctrlKey' | 'metaKey', boolean>> = {},
) => ({
  key: k,
  altKey: false,
  shiftKey: false,
  ctrlKey: false,
  metaKey: false,
  ...mods,
})
const field = (value: string, start = value.length, end = start) => ({
  value,
  selectionStart: start,
  selectionEnd: end,
})

describe('when a person presses a key in an item', () => {
  it('adds an item on Enter and keeps Shift+Enter as a new line', () => {
    expect(itemKeyCommand(key('Enter'), field('idea'))).toBe('add-after')
    expect(itemKeyCommand(key('Enter', { shiftKey: true }), field('idea'))).toBeUndefined()
  })

  it('deletes the item on Backspace only when it is empty', () => {
    expect(itemKeyCommand(key('Backspace'), field(''))).toBe('delete-empty')
    expect(itemKeyCommand(key('Backspace'), field('x'))).toBeUndefined()
  })

  it('reorders with Alt+arrows and moves between boxes with Alt+left/right', () => {
    expect(itemKeyCommand(key('ArrowUp', { altKey: true }), field('x', 0))).toBe('move-up')
    expect(itemKeyCommand(key('ArrowDown', { altKey: true }), field('x', 0))).toBe('move-down')
    expect(itemKeyCommand(key('ArrowLeft', { altKey: true }), field('x'))).toBe(
      'move-to-previous-box',
    )
    expect(itemKeyCommand(key('ArrowRight', { altKey: true }), field('x'))).toBe('move-to-next-box')
  })

  it('leaves the caret to the text unless it is at the edge', () => {
    expect(itemKeyCommand(key('ArrowUp'), field('abc', 0))).toBe('focus-previous')
    expect(itemKeyCommand(key('ArrowUp'), field('abc', 1))).toBeUndefined()
    expect(itemKeyCommand(key('ArrowDown'), field('abc', 3))).toBe('focus-next')
    expect(itemKeyCommand(key('ArrowDown'), field('abc', 0, 3))).toBeUndefined()
    expect(itemKeyCommand(key('Enter', { ctrlKey: true }), field('abc'))).toBeUndefined()
  })
})
