import { describe, expect, it } from 'vitest'
import { AwarenessUserSchema } from '../protocol/awareness.js'
import { BoardTitleSchema } from './boards.js'
import { plainLine, withoutUnwantedCharacters } from './plainText.js'

const unwanted = ['\u0000', '\u0007', '\n', '\t', '\u007f', '\u0085', '\u202e', '\u2066', '\u2069']

describe('titles and names', () => {
  it('refuse control and text-direction characters with a message, and keep other text', () => {
    for (const c of unwanted) {
      const result = BoardTitleSchema.safeParse(`Pricing${c}test`)
      expect(result.success).toBe(false)
      expect(result.error?.issues[0]?.message).toContain('control or text-direction')
    }
    expect(BoardTitleSchema.parse('  Préis-Test 📈 — שלום  ')).toBe('Préis-Test 📈 — שלום')
    expect(plainLine('name', 5).safeParse('toolong').success).toBe(false)
  })

  it('in presence are refused the same way', () => {
    const user = { id: 'abc', name: 'Owner\u202e', color: '#123456' }
    expect(AwarenessUserSchema.safeParse(user).success).toBe(false)
    expect(AwarenessUserSchema.safeParse({ ...user, name: 'Owner' }).success).toBe(true)
  })

  it('can be cleaned before they are sent: line breaks become spaces, the rest goes', () => {
    expect(withoutUnwantedCharacters('Ada\nLovelace\u202e\u0000')).toBe('Ada Lovelace')
  })
})
