import { useEffect, useRef, useState } from 'react'
import { formatTimer, timerRemaining, type Timer } from '../../shared/workshop/timer'
import { playChime } from './chime'
import { timerRanOut } from './timerSignal'
import { useServerNow } from './useServerNow'
import type { WorkshopSync } from './WorkshopSync'

const PulseMs = 4000

interface TimerDisplayProps {
  workshop: WorkshopSync
  timer: Timer
  /** Sits inside the facilitator toolbar rather than floating on its own. */
  embedded?: boolean
}

/**
 * The shared timer: the same remaining time on every screen, from the server's clock. When it
 * runs out while on screen, a soft chime and a short pulse; no dialog.
 */
export function TimerDisplay({ workshop, timer, embedded = false }: TimerDisplayProps) {
  const now = useServerNow(workshop, timer.status === 'running')
  const remaining = timerRemaining(timer, now)
  const lastSeen = useRef<number | null>(null)
  const [ended, setEnded] = useState(false)

  useEffect(() => {
    const ranOut = timerRanOut(lastSeen.current, timer, now)
    lastSeen.current = timer.status === 'running' ? remaining : null
    if (!ranOut) return
    setEnded(true)
    playChime()
  }, [timer, now, remaining])

  useEffect(() => {
    if (!ended) return
    const id = window.setTimeout(() => setEnded(false), PulseMs)
    return () => window.clearTimeout(id)
  }, [ended])

  const done = timer.status === 'running' && remaining === 0
  const label = timer.status === 'paused' ? 'Paused' : done ? "Time's up" : ''
  return (
    <div
      className={`workshop-timer${embedded ? ' is-embedded' : ''}${ended ? ' is-ended' : ''}`}
      data-testid="workshop-timer"
      data-status={timer.status}
      data-ended={ended}
      role="timer"
      aria-label={`Timer ${formatTimer(remaining)}${label ? `, ${label.toLowerCase()}` : ''}`}
    >
      <svg viewBox="0 0 20 20" width="15" height="15" aria-hidden="true">
        <circle cx="10" cy="11" r="6.5" fill="none" stroke="currentColor" strokeWidth="1.7" />
        <path
          d="M10 7.5V11l2.2 1.6M8 2.8h4"
          fill="none"
          stroke="currentColor"
          strokeWidth="1.7"
          strokeLinecap="round"
        />
      </svg>
      <span className="workshop-timer-time" data-testid="workshop-timer-time">
        {formatTimer(remaining)}
      </span>
      {label && <span className="workshop-timer-label">{label}</span>}
    </div>
  )
}
