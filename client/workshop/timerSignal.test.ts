import { describe, expect, it } from 'vitest'
import { applyTimerAction, idleTimer } from '../../shared/workshop/timer'
import { minutesToMs, timerRanOut } from './timerSignal'

const running = applyTimerAction(idleTimer(60_000), { action: 'start' }, 1_000) // ends at 61_000

describe('the end-of-timer signal', () => {
  it('rings when a running timer reaches zero on screen', () => {
    expect(timerRanOut(400, running, 61_000)).toBe(true)
    expect(timerRanOut(400, running, 70_000)).toBe(true)
  })

  it('does not ring before the end', () => {
    expect(timerRanOut(1_500, running, 60_000)).toBe(false)
  })

  it('does not ring for a timer that had already ended when the page opened', () => {
    expect(timerRanOut(null, running, 70_000)).toBe(false)
    expect(timerRanOut(0, running, 71_000)).toBe(false)
  })

  it('does not ring for a paused timer', () => {
    const paused = applyTimerAction(running, { action: 'pause' }, 30_000)
    expect(timerRanOut(400, paused, 90_000)).toBe(false)
  })
})

describe('the minutes field', () => {
  it('reads whole and decimal minutes', () => {
    expect(minutesToMs('5')).toBe(300_000)
    expect(minutesToMs(' 2,5 ')).toBe(150_000)
  })

  it('refuses what the server would refuse', () => {
    expect(minutesToMs('')).toBeNull()
    expect(minutesToMs('0')).toBeNull()
    expect(minutesToMs('-3')).toBeNull()
    expect(minutesToMs('abc')).toBeNull()
    expect(minutesToMs('0.001')).toBeNull()
    expect(minutesToMs('2000')).toBeNull()
  })
})
