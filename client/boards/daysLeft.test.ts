import { describe, expect, it } from 'vitest'
import { daysLeftToRestore } from './RecentlyDeleted'

const day = 24 * 60 * 60 * 1000
const now = Date.parse('2026-03-31T12:00:00Z')

describe('days left to restore a deleted board', () => {
  it('counts down from 30 and never goes below zero', () => {
    expect(daysLeftToRestore(new Date(now).toISOString(), now)).toBe(30)
    expect(daysLeftToRestore(new Date(now - 29.5 * day).toISOString(), now)).toBe(1)
    expect(daysLeftToRestore(new Date(now - 31 * day).toISOString(), now)).toBe(0)
    // Deleted after the page's clock last ticked.
    expect(daysLeftToRestore(new Date(now + 30_000).toISOString(), now)).toBe(30)
  })
})
