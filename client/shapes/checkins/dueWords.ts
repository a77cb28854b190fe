import { daysOverdue, type CheckinStanding } from '../../../shared/checkins/checkin'

const Day = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
})

/** "Next check-in due Mon 7 Dec", "Check-in due today", "Check-in overdue by 3 days". */
export function dueWords(standing: CheckinStanding, now: number): string {
  if (standing.state === 'due') return 'Check-in due today'
  if (standing.state === 'overdue') {
    const days = daysOverdue(standing, now)
    return `Check-in overdue by ${days} ${days === 1 ? 'day' : 'days'}`
  }
  return `Next check-in due ${Day.format(new Date(standing.dueAt)).replace(',', '')}`
}
