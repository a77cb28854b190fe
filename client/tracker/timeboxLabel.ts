import type { TrackerRow } from '../../shared/api/hypotheses'

export type TimeboxTone = 'none' | 'normal' | 'soon' | 'overdue' | 'ended'

/** The time box column: days left, "overdue by N days", or why there is no end yet. */
export interface TimeboxLabel {
  text: string
  tone: TimeboxTone
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`

const shortDate = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })

/**
 * The line under the time box: when a decided hypothesis was decided, and the end of its time
 * box when it had not ended by then ("Decided Nov 30 (time box to Dec 14)"); otherwise when
 * the box ends or ended.
 */
export function timeboxEndLine(
  row: Pick<TrackerRow, 'status' | 'timeboxEnd' | 'decidedAt'>,
  now: number,
): string | null {
  const end = row.timeboxEnd
  if (row.status === 'decided' && row.decidedAt) {
    const early = end !== null && Date.parse(end) > Date.parse(row.decidedAt)
    return `Decided ${shortDate(row.decidedAt)}${early ? ` (time box to ${shortDate(end)})` : ''}`
  }
  if (end === null) return null
  return `${Date.parse(end) <= now ? 'Ended' : 'Ends'} ${shortDate(end)}`
}

/** Words for where a hypothesis stands against its time box, from the server's day count. */
export function timeboxLabel(
  row: Pick<TrackerRow, 'status' | 'timeboxEnd' | 'daysLeft' | 'overdue'>,
): TimeboxLabel {
  if (row.timeboxEnd === null || row.daysLeft === null) {
    // Only a running hypothesis has a clock; before that the box is just a plan.
    return { text: 'Not started', tone: 'none' }
  }
  if (row.overdue) {
    const late = Math.max(0, -row.daysLeft)
    return { text: late === 0 ? 'Overdue today' : `Overdue by ${days(late)}`, tone: 'overdue' }
  }
  if (row.status === 'decided' && row.daysLeft > 0) {
    // A decision before the end closes the box early: the days left no longer count down.
    return { text: 'Decided early', tone: 'ended' }
  }
  if (row.daysLeft <= 0) {
    const ago = -row.daysLeft
    return { text: ago === 0 ? 'Ended today' : `Ended ${days(ago)} ago`, tone: 'ended' }
  }
  return { text: `${days(row.daysLeft)} left`, tone: row.daysLeft <= 2 ? 'soon' : 'normal' }
}
