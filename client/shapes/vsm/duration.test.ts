import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from './duration'

describe('when a person types a step time', () => {
  it('reads plain numbers as minutes and understands m, h and d', () => {
    expect(parseDuration('90')).toBe(90)
    expect(parseDuration('45m')).toBe(45)
    expect(parseDuration('2h')).toBe(120)
    expect(parseDuration('1.5h')).toBe(90)
    expect(parseDuration('2h 30m')).toBe(150)
    expect(parseDuration('1d 2h')).toBe(26 * 60)
    expect(parseDuration('10 min')).toBe(10)
  })

  it('refuses what is not a duration', () => {
    expect(parseDuration('')).toBeUndefined()
    expect(parseDuration('2x')).toBeUndefined()
    expect(parseDuration('h2')).toBeUndefined()
    expect(parseDuration('-3h')).toBeUndefined()
  })
})

describe('when a duration is shown', () => {
  it('uses the largest units that stay readable', () => {
    expect(formatDuration(45)).toBe('45m')
    expect(formatDuration(7 * 60)).toBe('7h')
    expect(formatDuration(72 * 60)).toBe('3d')
    expect(formatDuration(26 * 60 + 30)).toBe('1d 2.5h')
    expect(formatDuration(0)).toBe('0m')
  })
})

describe('when the map shows durations in a unit', () => {
  it('reads plain numbers in that unit and still understands suffixes', () => {
    expect(parseDuration('1.5', 'hours')).toBe(90)
    expect(parseDuration('2', 'days')).toBe(2 * 24 * 60)
    expect(parseDuration('1', 'weeks')).toBe(7 * 24 * 60)
    expect(parseDuration('45m', 'days')).toBe(45)
    expect(parseDuration('1w 1d')).toBe(8 * 24 * 60)
  })

  it('shows every duration in that unit, exactly enough to read back', () => {
    expect(formatDuration(90, 'hours')).toBe('1.5h')
    expect(formatDuration(36 * 60, 'days')).toBe('1.5d')
    expect(formatDuration(7 * 24 * 60, 'weeks')).toBe('1w')
    expect(formatDuration(0, 'weeks')).toBe('0w')
    expect(parseDuration(formatDuration(20, 'hours'), 'hours')).toBe(19.8)
  })
})
