import { describe, expect, it } from 'vitest'
import { timeAgo, timeUntil } from './relativeTime'

describe('a time in words', () => {
  const now = Date.parse('2026-03-01T10:00:00Z')

  it('says how long ago, in the largest fitting unit', () => {
    expect(timeAgo(now - 10_000, now)).toBe('just now')
    expect(timeAgo(now + 2_000, now)).toBe('just now')
    expect(timeAgo(now - 5 * 60_000, now)).toBe('5 min ago')
    expect(timeAgo(now - 3 * 3_600_000, now)).toBe('3 h ago')
    expect(timeAgo(now - 86_400_000, now)).toBe('1 day ago')
  })

  it('says how soon, and when it is due', () => {
    expect(timeUntil(now - 1, now)).toBe('due now')
    expect(timeUntil(now + 10_000, now)).toBe('soon')
    expect(timeUntil(now + 10 * 60_000 - 50, now)).toBe('in 10 min')
    expect(timeUntil(now + 2 * 86_400_000, now)).toBe('in 2 days')
  })
})
