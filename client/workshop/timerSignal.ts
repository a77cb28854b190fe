import { MaxTimerMs, timerRemaining, type Timer } from '../../shared/workshop/timer'

/**
 * Whether a running timer reached zero between two looks at it on this screen: `before` is
 * what was left at the previous look (null on the first), `now` the server time of this one.
 * A timer that had already ended when the page opened does not ring again.
 */
export function timerRanOut(before: number | null, timer: Timer, now: number): boolean {
  if (timer.status !== 'running' || before === null || before <= 0) return false
  return timerRemaining(timer, now) === 0
}

/** Parses the minutes field of the timer: whole or decimal minutes, to milliseconds, or null. */
export function minutesToMs(text: string): number | null {
  const minutes = Number(text.trim().replace(',', '.'))
  if (!Number.isFinite(minutes) || minutes <= 0) return null
  const ms = Math.round(minutes * 60_000)
  return ms >= 1000 && ms <= MaxTimerMs ? ms : null
}
