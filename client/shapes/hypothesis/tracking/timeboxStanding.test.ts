import { describe, expect, it } from 'vitest'
import { nextClockChange, timeboxStanding } from './timeboxStanding'

const DAY = 24 * 60 * 60 * 1000
const start = Date.parse('2026-03-02T09:00:00Z')
const week = {
  start: new Date(start).toISOString(),
  end: new Date(start + 7 * DAY).toISOString(),
  days: 7,
}

describe('the time box words on the canvas', () => {
  it('says how long the box will run before the start', () => {
    expect(timeboxStanding('draft', { start: null, end: null, days: 7 }, start)).toEqual({
      text: '7 days, not started',
      tone: 'none',
    })
    expect(timeboxStanding('ready', { start: null, end: null, days: 1 }, start).text).toBe(
      '1 day, not started',
    )
  })

  it('counts whole days left, rounding a part day up', () => {
    expect(timeboxStanding('running', week, start).text).toBe('7 days left')
    expect(timeboxStanding('running', week, start + 5.5 * DAY)).toEqual({
      text: '2 days left',
      tone: 'soon',
    })
  })

  it('is visibly overdue once the box has ended undecided, by whole days', () => {
    expect(timeboxStanding('running', week, start + 7 * DAY)).toEqual({
      text: 'Overdue today',
      tone: 'overdue',
    })
    expect(timeboxStanding('evaluated', week, start + 10.5 * DAY)).toEqual({
      text: 'Overdue by 3 days',
      tone: 'overdue',
    })
  })

  it('is never overdue once decided', () => {
    expect(timeboxStanding('decided', week, start + 10.5 * DAY).tone).toBe('ended')
    expect(timeboxStanding('decided', week, start + 2 * DAY).text).toBe('Decided early')
  })
})

describe('when the clock alone changes what the canvas shows', () => {
  it('is at the end of the box, or at the next whole day before and after it', () => {
    expect(nextClockChange({ start: null, end: null, days: 7 }, start)).toBeNull()
    expect(nextClockChange(week, start + 6.5 * DAY)).toBe(start + 7 * DAY)
    expect(nextClockChange(week, start + 2 * DAY)).toBe(start + 3 * DAY)
    expect(nextClockChange(week, start + 7.25 * DAY)).toBe(start + 8 * DAY)
  })
})
