import { describe, expect, it } from 'vitest'
import { relativeTime } from './relativeTime'

const now = Date.parse('2026-03-31T12:00:00Z')
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString()

describe('relative times', () => {
  it('reads naturally from seconds to years ago', () => {
    expect(relativeTime(ago(10), now)).toBe('just now')
    expect(relativeTime(ago(5 * 60), now)).toBe('5 minutes ago')
    expect(relativeTime(ago(3 * 3600), now)).toBe('3 hours ago')
    expect(relativeTime(ago(26 * 3600), now)).toBe('yesterday')
    expect(relativeTime(ago(400 * 86400), now)).toBe('last year')
  })

  it('never shows a time in the future', () => {
    expect(relativeTime(ago(-90), now)).toBe('just now')
  })
})
