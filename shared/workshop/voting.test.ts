import { describe, expect, it } from 'vitest'
import {
  countVoters,
  rankResults,
  VoteLimits,
  voteError,
  type Vote,
  type Voting,
} from './voting.js'

const voting = (over: Partial<Voting> = {}): Voting => ({
  id: 'vote000001',
  scope: { kind: 'board' },
  votesPerPerson: 3,
  onePerItem: false,
  status: 'open',
  startedAt: 0,
  endedAt: null,
  results: null,
  voters: null,
  ...over,
})
const items = new Set(['a', 'b', 'c'])
const v = (
  voterId: string,
  itemId: string,
  id = `${voterId}-${itemId}-${Math.random()}`,
): Vote => ({
  id,
  voterId,
  itemId,
})

describe('casting a dot vote', () => {
  it('allows votes up to the budget, several on one item unless one per item', () => {
    expect(voteError(voting(), [], 'a', items)).toBeNull()
    expect(voteError(voting(), [v('p', 'a'), v('p', 'a')], 'a', items)).toBeNull()
    expect(voteError(voting(), [v('p', 'a'), v('p', 'a'), v('p', 'b')], 'c', items)).toMatch(
      /all 3 of your votes/,
    )
    expect(voteError(voting({ onePerItem: true }), [v('p', 'a')], 'a', items)).toMatch(
      /One vote per item/,
    )
    expect(voteError(voting({ onePerItem: true }), [v('p', 'a')], 'b', items)).toBeNull()
  })

  it('refuses votes when no vote runs, after it ended, or for an item outside the scope', () => {
    expect(voteError(null, [], 'a', items)).toMatch(/No vote is running/)
    expect(voteError(voting({ status: 'closed' }), [], 'a', items)).toMatch(/No vote is running/)
    expect(voteError(voting(), [], 'zzz', items)).toMatch(/not part of the vote/)
  })
})

describe('the results of a vote', () => {
  it('rank every item by votes, ties in board order, unvoted items last with zero', () => {
    const list = [
      { id: 'a', label: 'Alpha' },
      { id: 'b', label: 'Beta' },
      { id: 'c', label: 'Gamma' },
      { id: 'd', label: 'Delta' },
    ]
    const votes = [v('p', 'c'), v('q', 'c'), v('p', 'b'), v('r', 'a'), v('r', 'zzz')]
    expect(rankResults(list, votes)).toEqual([
      { itemId: 'c', label: 'Gamma', votes: 2 },
      { itemId: 'a', label: 'Alpha', votes: 1 },
      { itemId: 'b', label: 'Beta', votes: 1 },
      { itemId: 'd', label: 'Delta', votes: 0 },
    ])
    expect(countVoters(votes)).toBe(3)
  })

  it('stay within their bounds on a board with more items than a vote keeps', () => {
    const list = Array.from({ length: VoteLimits.results + 500 }, (_, i) => ({
      id: `item-${i}`,
      label: `${'😀'.repeat(200)}${i}`,
    }))
    const ranked = rankResults(list, [v('p', 'item-1400'), v('q', 'item-1400'), v('p', 'item-3')])
    expect(ranked).toHaveLength(VoteLimits.results)
    expect(ranked.slice(0, 2).map((r) => [r.itemId, r.votes])).toEqual([
      ['item-1400', 2],
      ['item-3', 1],
    ])
    for (const r of ranked) {
      expect(r.label.length).toBeLessThanOrEqual(VoteLimits.label)
      expect(r.label.endsWith('\u2026')).toBe(true)
      // Never cut in the middle of a character.
      expect(r.label).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/)
    }
  })
})
