import { toRichText } from '@tldraw/tlschema'
import { describe, expect, it } from 'vitest'
import { richTextToPlain } from './richText.js'

const text = (t: string) => ({ type: 'text', text: t })

describe('the plain text of rich text', () => {
  it('puts each paragraph on its own line and keeps empty ones', () => {
    expect(richTextToPlain(toRichText('one\n\nthree'))).toBe('one\n\nthree')
  })

  it('joins the marks of a line, breaks at hard breaks, and lists each item on a line', () => {
    const doc = {
      type: 'doc',
      content: [
        {
          type: 'paragraph',
          content: [text('bold '), { ...text('and'), marks: [{ type: 'bold' }] }, text(' plain')],
        },
        { type: 'paragraph', content: [text('a'), { type: 'hardBreak' }, text('b')] },
        {
          type: 'bulletList',
          content: [
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('first')] }] },
            { type: 'listItem', content: [{ type: 'paragraph', content: [text('second')] }] },
          ],
        },
      ],
    }
    expect(richTextToPlain(doc)).toBe('bold and plain\na\nb\nfirst\nsecond')
  })

  it('reads anything else as no text, however deep a hostile record nests', () => {
    expect(richTextToPlain(undefined)).toBe('')
    expect(richTextToPlain('plain string')).toBe('')
    expect(richTextToPlain({ type: 'doc', content: 'nope' })).toBe('')
    let deep: object = text('lost')
    for (let i = 0; i < 100_000; i++) deep = { type: 'paragraph', content: [deep] }
    expect(richTextToPlain(deep)).toBe('')
  })
})
