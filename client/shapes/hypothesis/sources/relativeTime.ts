const Minute = 60_000
const Hour = 60 * Minute
const Day = 24 * Hour

/** A duration in the largest unit that fits: "5 min", "3 h", "2 days". */
function amount(ms: number): string {
  if (ms < Hour) return `${Math.round(ms / Minute)} min`
  if (ms < Day) return `${Math.round(ms / Hour)} h`
  const days = Math.round(ms / Day)
  return `${days} day${days === 1 ? '' : 's'}`
}

/**
 * How long ago `at` was: "just now", "5 min ago". A time slightly ahead of this screen's clock
 * (the server's clock runs a little ahead) is "just now" too.
 */
export function timeAgo(at: number, now: number): string {
  const ms = now - at
  return ms < Minute ? 'just now' : `${amount(ms)} ago`
}

/** How soon `at` comes: "due now" once reached, "soon" within a minute, else "in 5 min". */
export function timeUntil(at: number, now: number): string {
  const ms = at - now
  if (ms <= 0) return 'due now'
  return ms < Minute ? 'soon' : `in ${amount(ms)}`
}
