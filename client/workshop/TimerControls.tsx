import { useState } from 'react'
import { timerEnded, type Timer, type TimerAction } from '../../shared/workshop/timer'
import { Icons } from './icons'
import { TimerDisplay } from './TimerDisplay'
import { minutesToMs } from './timerSignal'
import { ToolButton } from './ToolButton'
import { useServerNow } from './useServerNow'
import type { WorkshopSync } from './WorkshopSync'

interface TimerControlsProps {
  workshop: WorkshopSync
  timer: Timer
  onTimer: (...actions: TimerAction[]) => void
}

const minutesOf = (ms: number) => String(Math.round((ms / 60_000) * 100) / 100)

/** The facilitator's timer: the shared countdown, minutes to set while idle, start/pause, +1, reset. */
export function TimerControls({ workshop, timer, onTimer }: TimerControlsProps) {
  const [minutes, setMinutes] = useState(() => minutesOf(timer.durationMs))
  const wanted = minutesToMs(minutes)
  const idle = timer.status === 'idle'
  // Once it has run out there is nothing to pause: +1 min or reset are what is left to do.
  const now = useServerNow(workshop, timer.status === 'running', 500)
  const ended = timerEnded(timer, now)

  const start = () => {
    if (idle && wanted !== null && wanted !== timer.durationMs) {
      onTimer({ action: 'set', durationMs: wanted }, { action: 'start' })
    } else onTimer({ action: 'start' })
  }

  return (
    <div className="fac-timer" role="group" aria-label="Timer">
      {idle ? (
        <label className="fac-minutes" data-tooltip="Minutes on the timer">
          <input
            type="text"
            inputMode="decimal"
            aria-label="Timer minutes"
            data-testid="fac-timer-minutes"
            value={minutes}
            aria-invalid={wanted === null}
            onChange={(e) => setMinutes(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') start()
            }}
          />
          <span aria-hidden="true">min</span>
        </label>
      ) : (
        <TimerDisplay workshop={workshop} timer={timer} embedded />
      )}
      {ended ? null : timer.status === 'running' ? (
        <ToolButton
          label="Pause timer"
          icon={Icons.pause}
          testId="fac-timer-pause"
          onClick={() => onTimer({ action: 'pause' })}
        />
      ) : (
        <ToolButton
          label={idle ? 'Start timer' : 'Resume timer'}
          icon={Icons.play}
          disabled={idle && wanted === null}
          testId="fac-timer-start"
          onClick={start}
        />
      )}
      <ToolButton
        label="Add a minute"
        icon={<span className="fac-plus-one">+1</span>}
        testId="fac-timer-add"
        onClick={() => onTimer({ action: 'addMinute' })}
      />
      <ToolButton
        label="Reset timer"
        icon={Icons.reset}
        disabled={idle}
        testId="fac-timer-reset"
        onClick={() => {
          setMinutes(minutesOf(timer.durationMs))
          onTimer({ action: 'reset' })
        }}
      />
    </div>
  )
}
