import { useEffect, useState } from 'react'
import type { Timebox } from '../../../../shared/canvases/hypothesis/tracking'
import { nextClockChange } from './timeboxStanding'

/** Longest delay a browser timer takes. */
const MaxDelay = 2 ** 31 - 1

/**
 * The current time, moved on exactly when the time box words or the verdict can change by the
 * clock alone (the end of the box, each day mark), so an open canvas turns overdue or
 * inconclusive on time without polling. Between those moments nothing shown depends on it.
 */
export function useClock(timebox: Timebox): number {
  const end = timebox.end
  const [clock, setClock] = useState(() => ({ now: Date.now(), end }))
  // A box that starts (or changes) is measured from the time it is seen, not from the last
  // tick: "7 days left" at the start, not 8.
  if (clock.end !== end) setClock(() => ({ now: Date.now(), end }))
  useEffect(() => {
    const next = nextClockChange({ start: null, end, days: 1 }, clock.now)
    if (next === null) return
    const timer = setTimeout(
      () => setClock({ now: Date.now(), end }),
      Math.min(MaxDelay, next - Date.now() + 5),
    )
    return () => clearTimeout(timer)
  }, [end, clock.now])
  // When the box just changed, React renders again at once with the new time before showing.
  return clock.now
}
