import { describe, expect, it } from 'vitest'
import { CheckinInputSchema, checkinStanding, daysOverdue, likelihoodWords } from './checkin.js'

const at = (s: string) => Date.parse(s)

describe('checkinStanding', () => {
  const start = '2026-12-01T10:00:00.000Z'

  it('is upcoming before the day it is due, due a cadence after the start', () => {
    expect(checkinStanding(start, 7, at('2026-12-05T12:00:00Z'))).toEqual({
      dueAt: '2026-12-08T10:00:00.000Z',
      state: 'upcoming',
    })
  })

  it('is due all of its day, before and after the hour', () => {
    expect(checkinStanding(start, 7, at('2026-12-08T01:00:00Z')).state).toBe('due')
    expect(checkinStanding(start, 7, at('2026-12-08T23:00:00Z')).state).toBe('due')
  })

  it('is overdue from the next day, by whole days', () => {
    const now = at('2026-12-11T09:00:00Z')
    const standing = checkinStanding(start, 7, now)
    expect(standing.state).toBe('overdue')
    expect(daysOverdue(standing, now)).toBe(3)
  })

  it('follows the cadence', () => {
    expect(checkinStanding(start, 1, at('2026-12-02T10:00:00Z')).state).toBe('due')
    expect(checkinStanding(start, 14, at('2026-12-09T10:00:00Z')).state).toBe('upcoming')
  })
})

describe('a check-in as given', () => {
  it('takes a level or a percentage, nothing else', () => {
    const base = { momentum: 'moving' }
    expect(CheckinInputSchema.safeParse({ ...base, likelihood: { level: 'high' } }).success).toBe(
      true,
    )
    expect(CheckinInputSchema.safeParse({ ...base, likelihood: { percent: 40 } }).success).toBe(
      true,
    )
    expect(CheckinInputSchema.safeParse({ ...base, likelihood: { percent: 140 } }).success).toBe(
      false,
    )
    expect(CheckinInputSchema.safeParse({ ...base, likelihood: { level: 'sure' } }).success).toBe(
      false,
    )
    expect(
      CheckinInputSchema.safeParse({ likelihood: { level: 'low' }, momentum: 'x' }).success,
    ).toBe(false)
  })

  it('says its likelihood in words', () => {
    expect(likelihoodWords({ level: 'medium' })).toBe('medium')
    expect(likelihoodWords({ percent: 40 })).toBe('40 %')
  })
})
