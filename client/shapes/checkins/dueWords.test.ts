import { describe, expect, it } from 'vitest'
import { checkinStanding } from '../../../shared/checkins/checkin'
import { dueWords } from './dueWords'

const since = '2026-11-30T10:00:00.000Z'
const words = (now: string) => dueWords(checkinStanding(since, 7, Date.parse(now)), Date.parse(now))

describe('the words for when a check-in is due', () => {
  it('name the day of an upcoming one', () => {
    expect(words('2026-12-02T10:00:00Z')).toBe('Next check-in due Mon 7 Dec')
  })
  it('say today on its day', () => {
    expect(words('2026-12-07T18:00:00Z')).toBe('Check-in due today')
  })
  it('count the days a late one is overdue', () => {
    expect(words('2026-12-08T09:00:00Z')).toBe('Check-in overdue by 1 day')
    expect(words('2026-12-10T09:00:00Z')).toBe('Check-in overdue by 3 days')
  })
})
