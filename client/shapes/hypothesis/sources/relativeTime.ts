const Minute = 60_000
const Hour = 60 * Minute
const Day = 24 * Hour

/** "just now", "5 min ago", "in 3 h", "in 2 days": how far `at` is from `now`, in words. */
export function relativeTime(at: number, now: number): string {
  const ms = at - now
  const abs = Math.abs(ms)
  if (abs < Minute) return ms <= 0 ? 'just now' : 'in less than a minute'
  const amount =
    abs < Hour
      ? `${Math.round(abs / Minute)} min`
      : abs < Day
        ? `${Math.round(abs / Hour)} h`
        : `${Math.round(abs / Day)} day${Math.round(abs / Day) === 1 ? '' : 's'}`
  return ms < 0 ? `${amount} ago` : `in ${amount}`
}
