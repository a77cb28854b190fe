import { describe, expect, it } from 'vitest'
import { countsByItem, rankLines } from './ranking'

describe('ranking a finished vote for display', () => {
  it('gives items with as many votes the same rank and skips the ranks they take', () => {
    const lines = rankLines([
      { itemId: 'a', label: 'A', votes: 5 },
      { itemId: 'b', label: 'B', votes: 3 },
      { itemId: 'c', label: 'C', votes: 3 },
      { itemId: 'd', label: 'D', votes: 0 },
    ])
    expect(lines.map((l) => [l.itemId, l.rank])).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 2],
      ['d', 4],
    ])
  })

  it('counts votes per item for the badges on the items', () => {
    const counts = countsByItem([
      { itemId: 'a', label: 'A', votes: 2 },
      { itemId: 'b', label: 'B', votes: 0 },
    ])
    expect(counts.get('a')).toBe(2)
    expect(counts.get('b')).toBe(0)
    expect(counts.has('c')).toBe(false)
    expect(countsByItem(null).size).toBe(0)
  })
})
