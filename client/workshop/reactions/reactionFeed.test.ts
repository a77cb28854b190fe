import { describe, expect, it } from 'vitest'
import { readChats, takeNewReactions } from './reactionFeed'

const user = (name: string) => ({ id: name, name, color: '#123456' })
const reaction = (at: number) => ({ emoji: '🎉', at, x: 10, y: 20 })

describe('which reactions a screen shows', () => {
  it('shows each reaction once, and again only when its sender sends a new one', () => {
    const seen = new Map<number, number>()
    const states = new Map<number, unknown>([[1, { user: user('Ann'), reaction: reaction(100) }]])
    expect(takeNewReactions(seen, states).map((r) => r.key)).toEqual(['1:100'])
    expect(takeNewReactions(seen, states)).toEqual([])
    states.set(1, { user: user('Ann'), reaction: reaction(200) })
    expect(takeNewReactions(seen, states).map((r) => r.at)).toEqual([200])
  })

  it('does not replay what was already there when the screen opened', () => {
    const seen = new Map<number, number>()
    const states = new Map<number, unknown>([[1, { reaction: reaction(100) }]])
    expect(takeNewReactions(seen, states, false)).toEqual([])
    expect(takeNewReactions(seen, states)).toEqual([])
  })

  it('ignores reactions that are not one of the board’s emoji', () => {
    const states = new Map<number, unknown>([[1, { reaction: { ...reaction(1), emoji: '💩' } }]])
    expect(takeNewReactions(new Map(), states)).toEqual([])
  })
})

describe('which chat messages a screen shows', () => {
  it("shows others' messages with their name and colour, never my own or an empty one", () => {
    const states = new Map<number, unknown>([
      [1, { user: user('Ann'), chat: { text: ' Hello ', at: 1 } }],
      [2, { user: user('Me'), chat: { text: 'Mine', at: 1 } }],
      [3, { user: user('Bo'), chat: { text: '   ', at: 1 } }],
      [4, { user: user('Cy'), chat: null }],
    ])
    expect(readChats(states, 2)).toEqual([
      { clientId: 1, text: 'Hello', name: 'Ann', color: '#123456' },
    ])
  })
})
