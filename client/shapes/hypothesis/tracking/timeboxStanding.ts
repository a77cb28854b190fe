import type { HypothesisStatus, Timebox } from '../../../../shared/canvases/hypothesis/tracking'
import { timeboxLabel, type TimeboxLabel } from '../../../tracker/timeboxLabel'

const DAY_MS = 24 * 60 * 60 * 1000

/**
 * Where a hypothesis stands against its time box, in the tracker's words ("3 days left",
 * "Overdue by 2 days"), counted from the canvas's own clock. Before the start it says how long
 * the box will run.
 */
export function timeboxStanding(
  status: HypothesisStatus,
  timebox: Timebox,
  now: number,
): TimeboxLabel {
  if (timebox.end === null) {
    const days = `${timebox.days} ${timebox.days === 1 ? 'day' : 'days'}`
    return { text: `${days}, not started`, tone: 'none' }
  }
  const end = Date.parse(timebox.end)
  // The same count the tracker's server uses, so both pages agree on the day.
  const daysLeft = Math.ceil((end - now) / DAY_MS)
  const overdue = now >= end && status !== 'decided'
  return timeboxLabel({ status, timeboxEnd: timebox.end, daysLeft, overdue })
}

/** The next moment the time box words or the verdict can change by the clock alone. */
export function nextClockChange(timebox: Timebox, now: number): number | null {
  if (timebox.end === null) return null
  const end = Date.parse(timebox.end)
  if (now < end) {
    const toDayMark = (end - now) % DAY_MS || DAY_MS
    return now + toDayMark
  }
  return now + DAY_MS - ((now - end) % DAY_MS)
}
