import { describe, expect, it } from 'vitest'
import {
  applyTimerAction,
  clockOffset,
  formatTimer,
  idleTimer,
  timerEnded,
  timerRemaining,
} from './timer.js'

const min = 60_000

describe('the workshop timer', () => {
  it('counts down from the moment it starts, on the server clock', () => {
    const t = applyTimerAction(idleTimer(5 * min), { action: 'start' }, 1_000)
    expect(t.endsAt).toBe(1_000 + 5 * min)
    expect(timerRemaining(t, 1_000 + 2 * min)).toBe(3 * min)
  })

  it('never shows more than it started with on a screen whose clock lags the server', () => {
    const t = applyTimerAction(idleTimer(10 * min), { action: 'start' }, 5_000)
    expect(timerRemaining(t, 4_700)).toBe(10 * min)
    expect(formatTimer(timerRemaining(t, 4_700))).toBe('10:00')
  })

  it('keeps what is left while paused and goes on from there', () => {
    let t = applyTimerAction(idleTimer(5 * min), { action: 'start' }, 0)
    t = applyTimerAction(t, { action: 'pause' }, 2 * min)
    expect(timerRemaining(t, 10 * min)).toBe(3 * min)
    t = applyTimerAction(t, { action: 'start' }, 10 * min)
    expect(timerRemaining(t, 11 * min)).toBe(2 * min)
  })

  it('adds a minute to a running, paused or finished timer', () => {
    const running = applyTimerAction(idleTimer(min), { action: 'start' }, 0)
    expect(timerRemaining(applyTimerAction(running, { action: 'addMinute' }, 30_000), 30_000)).toBe(
      90_000,
    )
    const finished = applyTimerAction(running, { action: 'addMinute' }, 5 * min)
    expect(timerRemaining(finished, 5 * min)).toBe(min)
    const paused = applyTimerAction(running, { action: 'pause' }, 15_000)
    expect(applyTimerAction(paused, { action: 'addMinute' }, 99 * min).remainingMs).toBe(105_000)
  })

  it('ends at zero and never goes below it', () => {
    const t = applyTimerAction(idleTimer(min), { action: 'start' }, 0)
    expect(timerEnded(t, min - 1)).toBe(false)
    expect(timerEnded(t, min)).toBe(true)
    expect(timerRemaining(t, 2 * min)).toBe(0)
  })

  it('resets to its full duration, and set replaces the duration', () => {
    const t = applyTimerAction(idleTimer(min), { action: 'start' }, 0)
    expect(applyTimerAction(t, { action: 'reset' }, 30_000)).toEqual(idleTimer(min))
    expect(applyTimerAction(t, { action: 'set', durationMs: 10 * min }, 1)).toEqual(
      idleTimer(10 * min),
    )
  })

  it('shows the same time on screens whose clocks disagree', () => {
    const t = applyTimerAction(idleTimer(5 * min), { action: 'start' }, 1_000_000)
    // One screen runs 7 s fast, another 3 s slow; each measured its offset from the server.
    const fast = clockOffset(1_007_000 + 100, 1_000_150, 1_007_000 + 200)
    const slow = clockOffset(997_000 + 100, 1_000_150, 997_000 + 200)
    expect(timerRemaining(t, 1_007_200 + fast)).toBe(timerRemaining(t, 997_200 + slow))
  })

  it('formats minutes and seconds, rounding up so it shows 0:00 only at the end', () => {
    expect(formatTimer(5 * min)).toBe('5:00')
    expect(formatTimer(8_001)).toBe('0:09')
    expect(formatTimer(0)).toBe('0:00')
    expect(formatTimer(3_723_000)).toBe('1:02:03')
  })
})
