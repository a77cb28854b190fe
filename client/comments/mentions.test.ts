import { describe, expect, it } from 'vitest'
import {
  insertMention,
  matchingPeople,
  mentionablePeople,
  mentionQueryAt,
  mentionsIn,
} from './mentions'

const ann = { id: 'ann', name: 'Ann Lee' }
const bo = { id: 'bo', name: 'Bo Chen' }

describe('mentions in a comment', () => {
  it('finds the @word before the caret, not an e-mail address', () => {
    expect(mentionQueryAt('Ask @Le', 7)).toEqual({ start: 4, query: 'Le' })
    expect(mentionQueryAt('@', 1)).toEqual({ start: 0, query: '' })
    expect(mentionQueryAt('mail ann@example.org', 20)).toBeNull()
    expect(mentionQueryAt('Ask @Lee and', 12)).toBeNull()
  })

  it('suggests people by the start of any word of their name', () => {
    expect(matchingPeople([ann, bo], 'le')).toEqual([ann])
    expect(matchingPeople([ann, bo], '')).toEqual([ann, bo])
    expect(matchingPeople([ann, bo], 'x')).toEqual([])
  })

  it('inserts the chosen name and sends the ids of those still named in the text', () => {
    const typed = insertMention('Ask @Le now', 4, 7, ann)
    expect(typed).toEqual({ text: 'Ask @Ann Lee now', caret: 12 })
    expect(insertMention('@A', 0, 2, ann)).toEqual({ text: '@Ann Lee ', caret: 9 })
    expect(mentionsIn(typed.text, [ann, bo])).toEqual(['ann'])
    expect(mentionsIn('Ask someone', [ann])).toEqual([])
  })

  it('offers everyone present and everyone who commented, once each, never oneself', () => {
    const me = { id: 'me', name: 'Me' }
    expect(mentionablePeople([me, bo], [ann, bo, me], 'me')).toEqual([ann, bo])
  })
})
