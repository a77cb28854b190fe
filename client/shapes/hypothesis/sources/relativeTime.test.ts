import { describe, expect, it } from 'vitest'
import { relativeTime } from './relativeTime'

describe('a time in words', () => {
  const now = Date.parse('2026-03-01T10:00:00Z')
  it('says how long ago or how soon, in the largest fitting unit', () => {
    expect(relativeTime(now - 10_000, now)).toBe('just now')
    expect(relativeTime(now + 10_000, now)).toBe('in less than a minute')
    expect(relativeTime(now - 5 * 60_000, now)).toBe('5 min ago')
    expect(relativeTime(now + 3 * 3_600_000, now)).toBe('in 3 h')
    expect(relativeTime(now - 86_400_000, now)).toBe('1 day ago')
    expect(relativeTime(now + 2 * 86_400_000, now)).toBe('in 2 days')
  })
})
