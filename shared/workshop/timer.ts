import { z } from 'zod'

/**
 * The shared workshop timer. Times are the server's clock (epoch ms): every screen computes the
 * remaining time from `endsAt` and its own estimate of the server clock, so clocks that disagree
 * still show the same countdown, and a reload shows it again.
 */
export const MaxTimerMs = 24 * 60 * 60 * 1000

export const TimerSchema = z.object({
  status: z.enum(['idle', 'running', 'paused']),
  /** What the timer was set to, plus any minutes added. */
  durationMs: z.number().int().min(0).max(MaxTimerMs),
  /** When a running timer reaches zero, on the server's clock. */
  endsAt: z.number().nullable(),
  /** What is left while idle or paused. */
  remainingMs: z.number().int().min(0).max(MaxTimerMs),
})
export type Timer = z.infer<typeof TimerSchema>
const Minute = 60_000

export const TimerActionSchema = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('set'),
    durationMs: z.number().int().min(1000).max(MaxTimerMs),
  }),
  z.strictObject({ action: z.literal('start') }),
  z.strictObject({ action: z.literal('pause') }),
  z.strictObject({ action: z.literal('addMinute') }),
  z.strictObject({ action: z.literal('reset') }),
])
export type TimerAction = z.infer<typeof TimerActionSchema>

export const idleTimer = (durationMs = 5 * Minute): Timer => ({
  status: 'idle',
  durationMs,
  endsAt: null,
  remainingMs: durationMs,
})

/**
 * Milliseconds left at server time `now`. A running timer never shows more than it had when
 * it (re)started: a screen whose clock estimate lags the server's a little would otherwise
 * start at 10:01 for a ten-minute timer.
 */
export function timerRemaining(timer: Timer, now: number): number {
  if (timer.status !== 'running' || timer.endsAt === null) return timer.remainingMs
  return Math.max(0, Math.min(timer.remainingMs, timer.endsAt - now))
}

/** Whether a started timer has run out. */
export const timerEnded = (timer: Timer, now: number) =>
  timer.status === 'running' && timerRemaining(timer, now) === 0

/** The timer after `action` at server time `now`. */
export function applyTimerAction(timer: Timer, action: TimerAction, now: number): Timer {
  const remaining = timerRemaining(timer, now)
  switch (action.action) {
    case 'set':
      return idleTimer(action.durationMs)
    case 'start':
      if (timer.status === 'running') return timer
      return { ...timer, status: 'running', endsAt: now + remaining, remainingMs: remaining }
    case 'pause':
      if (timer.status !== 'running') return timer
      return { ...timer, status: 'paused', endsAt: null, remainingMs: remaining }
    case 'addMinute': {
      const durationMs = Math.min(MaxTimerMs, timer.durationMs + Minute)
      const next = Math.min(MaxTimerMs, remaining + Minute)
      return timer.status === 'running'
        ? { ...timer, durationMs, endsAt: now + next, remainingMs: next }
        : { ...timer, durationMs, remainingMs: next }
    }
    case 'reset':
      return idleTimer(timer.durationMs)
  }
}

/**
 * The server clock minus this clock, from one request: sent at `sentAt`, answered with the
 * server's time `serverTime`, received at `receivedAt` (both local). Assumes the answer took
 * as long to come back as the request took to go.
 */
export const clockOffset = (sentAt: number, serverTime: number, receivedAt: number) =>
  serverTime - (sentAt + receivedAt) / 2

/** "4:05", "0:09", "1:02:03". */
export function formatTimer(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
