import { describe, expect, it } from 'vitest'
import { diffText, transformPosition } from './textDiff'

const apply = (text: string, { index, deleteCount, insert }: ReturnType<typeof diffText>) =>
  text.slice(0, index) + insert + text.slice(index + deleteCount)

describe('when a person types into a text', () => {
  it('finds the character they typed where the caret is, even among equal characters', () => {
    expect(diffText('aa', 'aaa', 2)).toEqual({ index: 1, deleteCount: 0, insert: 'a' })
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, deleteCount: 0, insert: 'a' })
  })

  it('finds a backspace and a forward delete', () => {
    expect(diffText('abc', 'ac', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' })
    expect(diffText('abbc', 'abc', 1)).toEqual({ index: 1, deleteCount: 1, insert: '' })
  })

  it('finds a selection replaced by pasted text', () => {
    const splice = diffText('hello world', 'hello there world', 12)
    expect(splice).toEqual({ index: 6, deleteCount: 0, insert: 'there ' })
    expect(diffText('one two three', 'one 2 three', 5)).toEqual({
      index: 4,
      deleteCount: 3,
      insert: '2',
    })
  })

  it('always produces a splice that turns the old text into the new one', () => {
    const cases: [string, string, number][] = [
      ['', 'x', 1],
      ['x', '', 0],
      ['abcabc', 'abc', 3],
      ['abc', 'abcabc', 6],
      ['🙂a', '🙂ba', 3],
      ['same', 'same', 2],
    ]
    for (const [prev, next, caret] of cases)
      expect(apply(prev, diffText(prev, next, caret))).toBe(next)
  })
})

describe('when someone else changes the text a person is typing in', () => {
  it('moves the caret right by text inserted before it', () => {
    expect(transformPosition(5, [{ retain: 2 }, { insert: 'xyz' }])).toBe(8)
  })

  it('keeps the caret before text inserted at or after it', () => {
    expect(transformPosition(5, [{ retain: 5 }, { insert: 'xyz' }])).toBe(5)
    expect(transformPosition(5, [{ retain: 7 }, { insert: 'xyz' }])).toBe(5)
  })

  it('moves the caret left by text deleted before it, and into a deleted range at its start', () => {
    expect(transformPosition(5, [{ delete: 2 }])).toBe(3)
    expect(transformPosition(5, [{ retain: 3 }, { delete: 5 }])).toBe(3)
    expect(
      transformPosition(5, [{ retain: 1 }, { delete: 1 }, { retain: 1 }, { insert: 'ab' }]),
    ).toBe(6)
  })
})
